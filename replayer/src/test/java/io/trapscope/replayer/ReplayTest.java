package io.trapscope.replayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.analyzer.RuleResult;
import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.Table;
import io.trapscope.formats.TableReader;
import io.trapscope.formats.TraceFormatException;
import io.trapscope.formats.TraceReader;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.recorder.ProgressListener;
import io.trapscope.recorder.RecordOptions;
import io.trapscope.recorder.Recorder;
import io.trapscope.recorder.ScenarioLoader;
import io.trapscope.samples.Samples;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact replay reproduces every recording; counterfactual replay shows what a change does to the same choices. */
class ReplayTest {
  @TempDir Path temp;

  static Stream<String> samples() {
    return Samples.names().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everySampleReplaysIdenticallyWithSeveralSeeds(String sample) throws Exception {
    for (long seed : new long[] {1, 7, 40}) {
      Path trace = record(sample, seed, List.of());
      ReplayResult result = Replayer.replay(trace, ProgressListener.NONE);
      assertNull(result.divergence(), () -> sample + " seed " + seed + ": " + result.divergence());
      assertEquals(TraceReader.open(trace).manifest().rows(Table.EVENTS), result.events());
    }
  }

  @Test
  void anEditedKernelDivergesAtTheFirstEventThatDiffers() throws Exception {
    Path trace = record("fpu-memcmp", 40, List.of());
    Path changed = temp.resolve("changed");
    CounterfactualResult counterfactual =
        Replayer.counterfactual(trace, List.of("machine.kernel=linux-4.2"), changed, RecordOptions.defaults(), ProgressListener.NONE);
    long expected = firstDifferingRow(trace, changed);
    TraceEditing.editScenario(trace, scenario -> {
      ((com.fasterxml.jackson.databind.node.ObjectNode) scenario.get("machine")).put("kernel", "linux-4.2");
      return scenario;
    });
    ReplayResult result = Replayer.replay(trace, ProgressListener.NONE);
    assertNotNull(result.divergence());
    assertEquals(expected, result.divergence().seq());
    assertEquals(expected, counterfactual.parting().seq());
    assertNotNull(result.divergence().recorded());
    assertNotNull(result.divergence().replayed());
    assertTrue(!result.divergence().columns().isEmpty());
    assertEquals(Math.min(20, expected), result.divergence().tail().size());
  }

  @Test
  void counterfactualFixesRemoveTheLeakAndSayWhereTheRunsPart() throws Exception {
    Path trace = record("fpu-memcmp", 40, List.of());
    for (String change : List.of("machine.patches=konrad-stts", "machine.kernel=linux-4.2", "machine.hypervisor=xen-hvm")) {
      Path fixed = temp.resolve(change.replaceAll("[^a-z0-9]", "-"));
      CounterfactualResult result = Replayer.counterfactual(trace, List.of(change), fixed, RecordOptions.defaults(), ProgressListener.NONE);
      assertTrue(leaks(result.before().rules()) > 0, change);
      assertEquals(0, leaks(result.after().rules()), change);
      assertNotNull(result.parting(), change);
      assertTrue(result.reused() > 0, change);
      assertEquals(TraceReader.open(trace).manifest().rows(Table.CHOICES), result.reused() + result.unused(), change);
      assertNull(Replayer.replay(fixed, ProgressListener.NONE).divergence(), "the new trace replays exactly: " + change);
    }
  }

  @Test
  void theFailedVmEntrysChoicesOnXen49DropTheInjectionInstead() throws Exception {
    // 9864841914 (4.9.0 hvm.c:523-526): hvm_do_resume injects only if no event is pending.
    Path trace = record("int3-reinject", 40, List.of());
    Path xen49 = temp.resolve("xen-4.9");
    CounterfactualResult result =
        Replayer.counterfactual(trace, List.of("machine.xen=xen-4.9"), xen49, RecordOptions.defaults(), ProgressListener.NONE);
    assertTrue(findings(result.before().rules(), "INJ_VMENTRY_FAILURE") > 0);
    assertEquals(0, findings(result.before().rules(), "INJ_DROPPED"));
    assertEquals(0, findings(result.after().rules(), "INJ_VMENTRY_FAILURE"));
    assertEquals(0, findings(result.after().rules(), "INJ_DOUBLE_FAULT"));
    assertTrue(findings(result.after().rules(), "INJ_DROPPED") > 0);
    assertNotNull(result.parting());
    assertTrue(result.parting().seq() <= result.before().events(), "the runs part before 4.1's crash");
    assertTrue(result.reused() > 0);
    assertNull(Replayer.replay(xen49, ProgressListener.NONE).divergence());
  }

  @Test
  void aTraceOfAnEarlierModelIsRefusedInOneLineButStillAnalysed() throws Exception {
    Path trace = record("int3-reinject", 40, List.of());
    Path manifest = trace.resolve("manifest.json");
    // A manifest written before the model version was recorded: version 1, the injection model before the fidelity audit.
    Files.writeString(manifest, Files.readString(manifest).replaceFirst("\\s*\"modelVersion\" : 2,", ""));
    TraceFormatException refused = assertThrows(TraceFormatException.class, () -> Replayer.replay(trace, ProgressListener.NONE));
    assertTrue(refused.getMessage().contains("recorded by model version 1"), refused.getMessage());
    assertEquals(1, refused.getMessage().lines().count());
    assertEquals(
        io.trapscope.analyzer.Verdict.FAIL,
        io.trapscope.analyzer.Analyzer.analyze(trace, io.trapscope.analyzer.AnalysisOptions.defaults(), io.trapscope.analyzer.FindingListener.NONE)
            .verdict());
  }

  @Test
  void anUnchangedCounterfactualNeverPartsAndReusesEveryChoice() throws Exception {
    Path trace = record("fpu-memcmp-smp", 3, List.of());
    CounterfactualResult result = Replayer.counterfactual(trace, List.of(), temp.resolve("same"), RecordOptions.defaults(), ProgressListener.NONE);
    assertNull(result.parting());
    assertEquals(0, result.drawn());
    assertEquals(0, result.unused());
  }

  @Test
  void aChoiceLogShorterThanTheRunNeedsDiverges() throws Exception {
    Path trace = record("fpu-memcmp", 40, List.of());
    long choices = TraceReader.open(trace).manifest().rows(Table.CHOICES);
    TraceEditing.truncateTable(trace, Table.CHOICES, choices / 2);
    ReplayResult result = Replayer.replay(trace, ProgressListener.NONE);
    assertNotNull(result.divergence());
    assertTrue(result.divergence().choiceMismatch().contains("the choice log has ended"), result.divergence().choiceMismatch());
  }

  @Test
  void eventsOutOfOrderOrChangedFilesAreBadInput() throws Exception {
    Path trace = record("fpu-memcmp", 40, List.of());
    TraceEditing.rewriteTable(trace, Table.EVENTS, rows -> {
      List<long[]> swapped = new ArrayList<>(rows);
      long[] tenth = swapped.get(10);
      swapped.set(10, swapped.get(11));
      swapped.set(11, tenth);
      return swapped;
    });
    TraceFormatException outOfOrder = assertThrows(TraceFormatException.class, () -> Replayer.replay(trace, ProgressListener.NONE));
    assertTrue(outOfOrder.getMessage().contains("row 10: seq is 11, expected 10"), outOfOrder.getMessage());
    Path other = record("fpu-memcmp", 41, List.of());
    try (RandomAccessFile file = new RandomAccessFile(other.resolve("choices.parquet").toFile(), "rw")) {
      file.seek(100);
      int original = file.read();
      file.seek(100);
      file.write(original ^ 1);
    }
    TraceFormatException changed = assertThrows(TraceFormatException.class, () -> Replayer.replay(other, ProgressListener.NONE));
    assertTrue(changed.getMessage().contains("choices.parquet: checksum mismatch"), changed.getMessage());
    Files.delete(other.resolve("traps.parquet"));
    TraceFormatException missing = assertThrows(TraceFormatException.class, () -> Replayer.replay(other, ProgressListener.NONE));
    assertTrue(missing.getMessage().contains("traps.parquet: missing"), missing.getMessage());
  }

  private Path record(String sample, long seed, List<String> overrides) throws Exception {
    Scenario scenario = ScenarioLoader.load(sample, overrides, seed);
    Path target = temp.resolve(sample + "-" + seed);
    Recorder.record(scenario, target, new RecordOptions(false, true, io.trapscope.formats.WriterOptions.Compression.ZSTD), ProgressListener.NONE);
    return target;
  }

  private static long findings(List<RuleResult> rules, String rule) {
    return rules.stream().filter(result -> result.id().equals(rule)).mapToLong(RuleResult::findings).sum();
  }

  private static long leaks(List<RuleResult> rules) {
    return rules.stream().filter(rule -> rule.id().equals("FPU_STATE_LEAK")).mapToLong(RuleResult::findings).sum();
  }

  /** The first row where two traces' events differ, compared independently of the replayer. */
  private static long firstDifferingRow(Path left, Path right) {
    List<String> a = rows(left);
    List<String> b = rows(right);
    for (int index = 0; index < Math.min(a.size(), b.size()); index++) {
      if (!a.get(index).equals(b.get(index))) {
        return index;
      }
    }
    return Math.min(a.size(), b.size());
  }

  private static List<String> rows(Path trace) {
    List<String> rows = new ArrayList<>();
    ColumnBatch batch = ColumnBatch.create(Table.EVENTS, 4096);
    try (TableReader reader = TraceReader.open(trace, false).openTable(Table.EVENTS)) {
      while (reader.next(batch)) {
        for (int row = 0; row < batch.size(); row++) {
          StringBuilder text = new StringBuilder();
          for (int column = 0; column < Table.EVENTS.columns().size(); column++) {
            text.append(column == Table.Events.KIND ? batch.string(column, row) : Long.toString(batch.get(column, row))).append(',');
          }
          rows.add(text.toString());
        }
      }
    }
    return rows;
  }
}
