package io.trapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: what it prints and the exit code it returns, for success and for every kind of mistake. */
class CliTest {
  @TempDir Path temp;

  @Test
  void recordThenInspectTheSeedScenario() throws Exception {
    Path trace = temp.resolve("t");
    Cli record = Cli.run("record", "fpu-memcmp", "-o", trace.toString());
    assertEquals(0, record.exitCode, record.toString());
    assertTrue(record.out.startsWith("recorded fpu-memcmp (seed 40) to "), record.out);
    assertTrue(record.out.contains("run completed"), record.out);
    Cli inspect = Cli.run("inspect", trace.toString());
    assertEquals(0, inspect.exitCode, inspect.toString());
    assertTrue(inspect.out.contains("xen-pv, linux-2.6.32, no patches, eagerfpu off, 1 vCPU"), inspect.out);
    assertTrue(inspect.out.contains("FPU_READ"), inspect.out);
    assertTrue(inspect.out.contains("events.parquet"), inspect.out);
    Cli json = Cli.run("inspect", "--json", trace.toString());
    assertEquals(0, json.exitCode, json.toString());
    JsonNode summary = Json.mapper().readTree(json.out);
    assertEquals(40, summary.path("seed").asLong());
    assertTrue(summary.path("bytesPerEvent").asDouble() > 0);
    assertEquals("COMPLETED", summary.path("run").path("endReason").asText());
  }

  @Test
  void recordingOverAnExistingTraceNeedsForce() {
    Path trace = temp.resolve("t");
    assertEquals(0, Cli.run("record", "fpu-memcmp", "-o", trace.toString()).exitCode);
    Cli again = Cli.run("record", "fpu-memcmp", "-o", trace.toString());
    assertOneLineError(again, "already exists (use --force to replace it)");
    assertEquals(0, Cli.run("record", "fpu-memcmp", "-o", trace.toString(), "--force", "--seed", "3").exitCode);
  }

  @Test
  void badScenariosGiveExitTwoAndOneLine() throws Exception {
    Path malformed = Files.writeString(temp.resolve("malformed.json"), "{\"seed\": 1,,}");
    assertOneLineError(Cli.run("record", malformed.toString(), "-o", temp.resolve("a").toString()), "malformed.json: malformed JSON at line 1");
    Path unknown = Files.writeString(temp.resolve("unknown.json"), "{\"machine\": {\"kernal\": \"linux-4.2\"}}");
    assertOneLineError(Cli.run("record", unknown.toString(), "-o", temp.resolve("b").toString()), "unknown.json: machine.kernal: unknown field (did you mean 'kernel'?)");
    Path badEnum = Files.writeString(temp.resolve("enum.json"), "{\"machine\": {\"hypervisor\": \"kvm\"}}");
    assertOneLineError(Cli.run("record", badEnum.toString(), "-o", temp.resolve("c").toString()), "enum.json: machine.hypervisor: unknown value 'kvm' (expected one of: native, xen-hvm, xen-pv, xen-pv-keep-ts)");
    assertOneLineError(Cli.run("record", temp.resolve("missing.json").toString(), "-o", temp.resolve("d").toString()), "missing.json: no such file");
    assertOneLineError(Cli.run("record", "fpu-memcmp", "-o", temp.resolve("e").toString(), "--set", "machine.vcpus=0"), "machine.vcpus: must be between 1 and 64, got 0");
    assertFalse(Files.exists(temp.resolve("e")), "nothing written for a bad scenario");
  }

  @Test
  void badTracesGiveExitTwoAndOneLine() throws Exception {
    Path trace = temp.resolve("t");
    assertEquals(0, Cli.run("record", "fpu-memcmp", "-o", trace.toString()).exitCode);
    assertOneLineError(Cli.run("inspect", temp.resolve("nowhere").toString()), "nowhere: no such trace directory");
    Path events = trace.resolve("events.parquet");
    try (RandomAccessFile file = new RandomAccessFile(events.toFile(), "rw")) {
      file.setLength(file.length() - 100);
    }
    assertOneLineError(Cli.run("inspect", trace.toString()), "events.parquet: ");
    Files.writeString(trace.resolve("manifest.json"), "{ not json");
    assertOneLineError(Cli.run("inspect", trace.toString()), "manifest.json: malformed JSON");
  }

  @Test
  void stacktraceShowsTheStackTrace() throws Exception {
    Path unknown = Files.writeString(temp.resolve("unknown.json"), "{\"nope\": 1}");
    Cli run = Cli.run("record", unknown.toString(), "-o", temp.resolve("a").toString(), "--stacktrace");
    assertEquals(2, run.exitCode);
    assertTrue(run.err.contains("\tat io.trapscope."), run.err);
  }

  @Test
  void usageErrorsGiveExitTwoWithUsageAndHints() {
    Cli typo = Cli.run("recrod", "fpu-memcmp");
    assertEquals(2, typo.exitCode, typo.toString());
    assertTrue(typo.err.startsWith("trapscope: unknown command 'recrod' (did you mean 'record'?)"), typo.err);
    assertTrue(typo.err.contains("trapscope [-hV] [COMMAND]"), typo.err);
    Cli missing = Cli.run("record", "fpu-memcmp");
    assertEquals(2, missing.exitCode);
    assertTrue(missing.err.startsWith("trapscope record: missing required option: '--output=DIR'"), missing.err);
    Cli none = Cli.run();
    assertEquals(2, none.exitCode);
    assertTrue(none.err.contains("missing subcommand"), none.err);
  }

  @Test
  void helpAndVersionEverywhere() {
    for (String[] args : new String[][] {
          {"--help"}, {"demo", "--help"}, {"record", "--help"}, {"analyze", "--help"}, {"replay", "--help"},
          {"inspect", "--help"}, {"scenarios", "--help"}
        }) {
      Cli help = Cli.run(args);
      assertEquals(0, help.exitCode, help.toString());
      assertTrue(help.out.contains("Usage: trapscope"), help.out);
      for (String line : help.out.split("\n")) {
        assertTrue(line.length() <= 80, "help wider than 80 columns: " + line);
      }
    }
    Cli version = Cli.run("record", "--version");
    assertEquals(0, version.exitCode);
    assertTrue(version.out.startsWith("trapscope 0.1.0"), version.out);
    assertTrue(version.out.contains("trace schema " + io.trapscope.formats.Manifest.SCHEMA_VERSION), version.out);
  }

  @Test
  void aBadEnumValueListsTheValuesAsTheyAreDocumented() {
    Cli bad = Cli.run("analyze", "x", "--format", "xml");
    assertEquals(ExitCodes.BAD_INPUT, bad.exitCode);
    assertTrue(bad.err.startsWith("trapscope analyze: invalid value for option '--format': expected one of [text, json, markdown]"), bad.err);
  }

  @Test
  void analyzingATraceOfAnEarlierModelWarnsThatItsInjectionStoryIsTheOldOne() throws Exception {
    Path trace = temp.resolve("old");
    assertEquals(0, Cli.run("record", "int3-reinject", "-o", trace.toString()).exitCode);
    Path manifest = trace.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replaceFirst("\\s*\"modelVersion\" : 2,", ""));
    Cli analyze = Cli.run("analyze", trace.toString());
    assertTrue(analyze.err.contains("was recorded by model version 1"), analyze.toString());
    assertTrue(Cli.run("analyze", "../samples/traces/int3-reinject").err.lines().noneMatch(line -> line.contains("warning")));
  }

  @Test
  void inspectCatchesAnArrowCopyChangedUnderARecomputedChecksum() throws Exception {
    Path trace = temp.resolve("arrow");
    assertEquals(0, Cli.run("record", "fpu-memcmp", "--arrow", "-o", trace.toString()).exitCode);
    assertEquals(0, Cli.run("inspect", trace.toString()).exitCode, "both copies agree");
    Path arrow = trace.resolve("events.arrow");
    byte[] original = Files.readAllBytes(arrow);
    Path manifest = trace.resolve("manifest.json");
    String manifestText = Files.readString(manifest);
    String oldSum = io.trapscope.formats.TraceReader.sha256(arrow);
    int caught = 0;
    for (int step = 1; step <= 8; step++) {
      byte[] mutated = original.clone();
      mutated[original.length * step / 10] ^= 0x5a;
      Files.write(arrow, mutated);
      Files.writeString(manifest, manifestText.replace(oldSum, io.trapscope.formats.TraceReader.sha256(arrow)));
      Cli inspect = Cli.run("inspect", trace.toString());
      assertEquals(2, inspect.exitCode, "byte " + original.length * step / 10 + ": " + inspect);
      assertEquals(1, inspect.err.lines().count(), inspect.err);
      assertTrue(inspect.err.contains("events.arrow"), inspect.err);
      caught++;
    }
    assertEquals(8, caught);
  }

  @Test
  void analyzeHelpNamesEveryRuleWithItsSeverity() {
    Cli help = Cli.run("analyze", "--help");
    String text = help.out.replaceAll("\\s+", " ");
    for (io.trapscope.analyzer.engine.Rule rule : io.trapscope.analyzer.Families.rules()) {
      assertTrue(text.contains(rule.id() + " (" + rule.severity().id() + ")"), rule.id() + " missing from\n" + help.out);
    }
  }

  @Test
  void scenariosListsTheSamples() throws Exception {
    Cli list = Cli.run("scenarios");
    assertEquals(0, list.exitCode, list.toString());
    assertTrue(list.out.contains("fpu-memcmp-konrad-stts"), list.out);
    assertTrue(list.out.contains("xen-pv-keep-ts, xenolinux"), list.out);
    JsonNode json = Json.mapper().readTree(Cli.run("scenarios", "--json").out);
    assertTrue(json.size() >= 10);
  }

  private static void assertOneLineError(Cli run, String expected) {
    assertEquals(2, run.exitCode, run.toString());
    assertTrue(run.err.startsWith("trapscope: "), run.toString());
    assertTrue(run.err.contains(expected), run.toString());
    assertEquals(1, run.err.lines().count(), "one line: " + run.err);
    assertFalse(run.err.contains("\tat "), "no stack trace");
  }
}
