package io.trapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trapscope analyze} and {@code trapscope demo}: verdicts, exit codes, formats and outputs. */
class AnalyzeCommandTest {
  @TempDir Path temp;
  private Path leak;
  private Path fixed;

  @BeforeEach
  void record() {
    leak = temp.resolve("leak");
    fixed = temp.resolve("fixed");
    assertEquals(0, Cli.run("record", "fpu-memcmp", "-o", leak.toString()).exitCode);
    assertEquals(0, Cli.run("record", "fpu-memcmp-konrad-stts", "-o", fixed.toString()).exitCode);
  }

  @Test
  void aLeakingTraceFailsWithExitOneAndAFixedOnePasses() {
    Cli failing = Cli.run("analyze", leak.toString());
    assertEquals(1, failing.exitCode, failing.toString());
    assertTrue(failing.out.contains("FAIL"), failing.out);
    assertTrue(failing.out.contains("FPU_STATE_LEAK"), failing.out);
    assertTrue(failing.out.contains("konrad-stts"), failing.out);
    Cli passing = Cli.run("analyze", fixed.toString());
    assertEquals(0, passing.exitCode, passing.toString());
    assertTrue(passing.out.contains("PASS"), passing.out);
  }

  @Test
  void failOnSetsTheThresholdAndACutTraceIsUnknown() {
    Path cut = temp.resolve("cut");
    assertEquals(0, Cli.run("record", "fpu-memcmp", "-o", cut.toString(), "--set", "limits.maxEvents=40").exitCode);
    Cli unknown = Cli.run("analyze", cut.toString());
    assertEquals(4, unknown.exitCode, unknown.toString());
    assertTrue(unknown.out.contains("UNKNOWN"), unknown.out);
    assertTrue(unknown.out.contains("cut short"), unknown.out);
    Cli warnings = Cli.run("analyze", cut.toString(), "--fail-on", "warning");
    assertEquals(1, warnings.exitCode, warnings.toString());
    assertEquals(0, Cli.run("analyze", fixed.toString(), "--fail-on", "info").exitCode);
  }

  @Test
  void jsonMarkdownAndParquetOutputs() throws Exception {
    Cli json = Cli.run("analyze", leak.toString(), "--format", "json");
    assertEquals(1, json.exitCode);
    JsonNode document = Json.mapper().readTree(json.out);
    assertEquals("trapscope-findings", document.path("format").asText());
    assertEquals("fail", document.path("traces").get(0).path("verdict").asText());
    Path report = temp.resolve("out").resolve("report.md");
    Path findings = temp.resolve("findings.parquet");
    Cli markdown = Cli.run("analyze", leak.toString(), "--format", "markdown", "-o", report.toString(), "--findings-parquet", findings.toString());
    assertEquals(1, markdown.exitCode, markdown.toString());
    assertEquals("", markdown.out);
    String text = Files.readString(report);
    assertTrue(text.startsWith("# trapscope analysis of `"), text);
    assertTrue(text.contains("Timeline of vCPU 0"), text);
    assertTrue(text.contains("<== reads"), text);
    assertFalse(Files.exists(report.resolveSibling(".report.md.partial")));
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT count(*) FROM '" + findings + "' f JOIN '" + leak.resolve("events.parquet") + "' e ON e.seq = f.seq "
                    + "WHERE f.rule = 'FPU_STATE_LEAK' AND f.role = 'corrupted-read' AND e.kind = 'FPU_READ'")) {
      assertTrue(result.next());
      assertEquals(document.path("traces").get(0).path("rules").get(0).path("findings").asLong(), result.getLong(1));
    }
  }

  @Test
  void severalTracesGiveASummaryTableAndTheWorstExitCode() {
    Cli both = Cli.run("analyze", leak.toString(), fixed.toString());
    assertEquals(1, both.exitCode);
    assertTrue(both.out.contains("TRACE"), both.out);
    assertTrue(both.out.lines().anyMatch(line -> line.startsWith(fixed.toString()) && line.contains("pass")), both.out);
    assertTrue(both.out.lines().anyMatch(line -> line.startsWith(leak.toString()) && line.contains("fail")), both.out);
  }

  @Test
  void aDamagedTraceGivesExitTwoAndOneLine() throws Exception {
    try (RandomAccessFile file = new RandomAccessFile(leak.resolve("events.parquet").toFile(), "rw")) {
      file.seek(file.length() / 2);
      int original = file.read();
      file.seek(file.length() / 2);
      file.write(original ^ 0x55);
    }
    Cli damaged = Cli.run("analyze", leak.toString());
    assertEquals(2, damaged.exitCode, damaged.toString());
    assertEquals(1, damaged.err.lines().count(), damaged.err);
    assertTrue(damaged.err.contains("events.parquet: checksum mismatch"), damaged.err);
  }

  @Test
  void demoShowsBothBugsThenTheirFixes() throws Exception {
    Path output = temp.resolve("demo");
    Cli demo = Cli.run("demo", "-o", output.toString());
    assertEquals(0, demo.exitCode, demo.toString());
    assertTrue(demo.out.contains("Analyzing it: FAIL"), demo.out);
    assertTrue(demo.out.contains("<== reads"), demo.out);
    assertTrue(demo.out.contains("Analyzing it: PASS"), demo.out);
    assertTrue(demo.out.lines().anyMatch(line -> line.matches("\\s+FPU_STATE_LEAK\\s+\\d+ -> 0")), demo.out);
    assertTrue(demo.out.contains("DOUBLE_FAULT pending #PF + injected #BP = #DF"), demo.out);
    assertTrue(demo.out.contains("VMENTRY_FAIL #DF: a software exception delivering an error code"), demo.out);
    assertTrue(demo.out.contains("Xen killed it"), "the guest does not panic: " + demo.out);
    assertTrue(demo.out.lines().anyMatch(line -> line.matches("\\s+INJ_VMENTRY_FAILURE\\s+[1-9]\\d* -> 0")), demo.out);
    assertTrue(demo.out.lines().anyMatch(line -> line.matches("\\s+INJ_DROPPED\\s+0 -> [1-9]\\d*")), demo.out);
    assertTrue(Files.exists(output.resolve("injection-xen-4.9").resolve("manifest.json")));
    assertTrue(Files.isRegularFile(output.resolve("report.md")));
    assertTrue(Files.isRegularFile(output.resolve("leak").resolve("manifest.json")));
    assertEquals(0, Cli.run("demo", "-o", output.toString()).exitCode, "the demo can run again over its own output");
  }
}
