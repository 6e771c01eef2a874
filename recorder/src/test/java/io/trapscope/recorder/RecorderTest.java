package io.trapscope.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.emulator.Machine;
import io.trapscope.emulator.choice.RandomChoiceSource;
import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.Manifest;
import io.trapscope.formats.Table;
import io.trapscope.formats.TableReader;
import io.trapscope.formats.TraceReader;
import io.trapscope.model.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording: deterministic files, and a trace that reads back as exactly the run that made it. */
class RecorderTest {
  @TempDir Path temp;

  @Test
  void sameScenarioAndSeedGiveByteIdenticalFiles() throws Exception {
    Scenario scenario = ScenarioLoader.load("fpu-memcmp-smp", List.of(), null);
    RecordOptions options = new RecordOptions(true, false, io.trapscope.formats.WriterOptions.Compression.ZSTD);
    Recorder.record(scenario, temp.resolve("a"), options, ProgressListener.NONE);
    Recorder.record(scenario, temp.resolve("b"), options, ProgressListener.NONE);
    List<String> names;
    try (Stream<Path> files = Files.list(temp.resolve("a"))) {
      names = files.map(file -> file.getFileName().toString()).sorted().toList();
    }
    assertEquals(7, names.size(), names.toString());
    for (String name : names) {
      assertArrayEquals(Files.readAllBytes(temp.resolve("a").resolve(name)), Files.readAllBytes(temp.resolve("b").resolve(name)), name);
    }
  }

  @Test
  void aDifferentSeedGivesDifferentChoices() throws Exception {
    Manifest first = Recorder.record(ScenarioLoader.load("fpu-memcmp", List.of(), 1L), temp.resolve("a"), RecordOptions.defaults(), ProgressListener.NONE).manifest();
    Manifest second = Recorder.record(ScenarioLoader.load("fpu-memcmp", List.of(), 2L), temp.resolve("b"), RecordOptions.defaults(), ProgressListener.NONE).manifest();
    assertNotEquals(first.table(Table.CHOICES).file("parquet").sha256(), second.table(Table.CHOICES).file("parquet").sha256());
    assertEquals(1, first.seed());
    assertEquals(2, second.seed());
  }

  @Test
  void theTraceReadsBackAsExactlyTheRun() throws Exception {
    Scenario scenario = ScenarioLoader.load("fpu-mixed", List.of("machine.vcpus=2"), 9L);
    CollectingSink run = new CollectingSink();
    new Machine(scenario, new RandomChoiceSource(scenario.seed()), run).run();
    Recording recording = Recorder.record(scenario, temp.resolve("t"), RecordOptions.defaults(), ProgressListener.NONE);
    TraceReader trace = TraceReader.open(recording.trace());
    assertEquals(run.events.size(), trace.manifest().rows(Table.EVENTS));
    assertEquals(run.traps.size(), trace.manifest().rows(Table.TRAPS));
    assertEquals(run.choices, trace.manifest().rows(Table.CHOICES));
    ColumnBatch batch = ColumnBatch.create(Table.EVENTS, 5000);
    int row = 0;
    try (TableReader events = trace.openTable(Table.EVENTS)) {
      while (events.next(batch)) {
        for (int index = 0; index < batch.size(); index++, row++) {
          long[] expected = run.events.get(row);
          for (int column = 0; column < expected.length; column++) {
            if (column == Table.Events.KIND) {
              assertEquals(run.kinds.get(row), batch.string(column, index), "kind at seq " + row);
            } else {
              assertEquals(expected[column], batch.get(column, index), Table.EVENTS.columns().get(column).name() + " at seq " + row);
            }
          }
        }
      }
    }
    assertEquals(run.events.size(), row);
    ColumnBatch traps = ColumnBatch.create(Table.TRAPS, 100_000);
    try (TableReader reader = trace.openTable(Table.TRAPS)) {
      assertTrue(reader.next(traps));
      for (int index = 0; index < traps.size(); index++) {
        assertEquals(run.traps.get(index).raisedSeq(), traps.get(Table.Traps.RAISED_SEQ, index));
        assertEquals(run.traps.get(index).outcome().name(), traps.string(Table.Traps.OUTCOME, index));
      }
    }
  }

  @Test
  void manifestRecordsTheResolvedScenarioAndHowTheRunEnded() throws Exception {
    Scenario scenario = ScenarioLoader.load("fpu-memcmp", List.of("limits.maxEvents=500"), null);
    Manifest manifest = Recorder.record(scenario, temp.resolve("t"), RecordOptions.defaults(), ProgressListener.NONE).manifest();
    assertEquals("MAX_EVENTS", manifest.run().endReason());
    assertFalse(manifest.run().workloadFinished());
    assertEquals(500, manifest.rows(Table.EVENTS));
    assertEquals("xen-pv", manifest.scenario().path("machine").path("hypervisor").asText());
    assertEquals(500, manifest.scenario().path("limits").path("maxEvents").asLong());
    assertEquals(Version.current(), manifest.toolVersion());
    assertFalse(Files.exists(temp.resolve(".t.partial")));
  }
}
