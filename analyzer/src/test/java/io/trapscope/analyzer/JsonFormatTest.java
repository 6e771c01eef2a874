package io.trapscope.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trapscope.analyzer.report.Reporter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seals the JSON findings format (docs/FINDINGS_FORMAT.md) with a golden file: two small deterministic
 * traces, one leaking and one crashing on nested #NM. A change to the output fails here; if it is meant,
 * regenerate with {@code -Dtrapscope.golden.update=true} and review the diff.
 */
class JsonFormatTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/findings.json");

  @TempDir Path temp;

  @Test
  void jsonMatchesTheGoldenFile() throws Exception {
    Path leak = Traces.record(temp.resolve("leak"), "workload.processes=4");
    Path nested =
        Traces.record(temp.resolve("nested"), "machine.hypervisor=xen-pv-keep-ts", "machine.kernel=xenolinux", "workload.processes=3");
    List<TraceAnalysis> analyses =
        List.of(
            Analyzer.analyze(leak, AnalysisOptions.defaults(), FindingListener.NONE),
            Analyzer.analyze(nested, AnalysisOptions.defaults(), FindingListener.NONE));
    StringWriter json = new StringWriter();
    Reporter.JSON.render(analyses, Severity.ERROR, new PrintWriter(json));
    String actual = json.toString().replace(temp.toString(), "TEMP");
    if (Boolean.getBoolean("trapscope.golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), actual);
  }
}
