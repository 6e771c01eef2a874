package io.trapscope.replayer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trapscope.formats.Table;
import io.trapscope.formats.TraceReader;
import io.trapscope.recorder.ProgressListener;
import io.trapscope.recorder.RecordOptions;
import io.trapscope.recorder.Recorder;
import io.trapscope.recorder.ScenarioLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace reproduces on another JVM: replayed in a separate process, and under a second JDK where one is
 * installed, which must also record byte-identical files from the same scenario and seed.
 */
class CrossJvmTest {
  /** The machine's second JDK; the test runs with it only if it is there. */
  static final Path SECOND_JDK = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  @TempDir Path temp;

  @Test
  void aSeparateProcessReplaysIdentically() throws Exception {
    Path trace = temp.resolve("t");
    Recorder.record(ScenarioLoader.load("fpu-memcmp-smp", List.of(), 5L), trace, RecordOptions.defaults(), ProgressListener.NONE);
    long events = TraceReader.open(trace).manifest().rows(Table.EVENTS);
    String output = run(Path.of(System.getProperty("java.home"), "bin", "java"), "replay", trace.toString());
    assertTrue(output.contains("identical " + events), output);
  }

  @Test
  void aSecondJdkReplaysIdenticallyAndRecordsTheSameBytes() throws Exception {
    assumeTrue(Files.isExecutable(SECOND_JDK), "no second JDK at " + SECOND_JDK);
    Path here = temp.resolve("here");
    Recorder.record(ScenarioLoader.load("fpu-mixed", List.of(), 9L), here, RecordOptions.defaults(), ProgressListener.NONE);
    String replayed = run(SECOND_JDK, "replay", here.toString());
    assertTrue(replayed.contains("identical " + TraceReader.open(here).manifest().rows(Table.EVENTS)), replayed);
    assertTrue(replayed.contains("java 25"), replayed);
    Path there = temp.resolve("there");
    String recorded = run(SECOND_JDK, "record", "fpu-mixed", "9", there.toString());
    assertTrue(recorded.contains("recorded"), recorded);
    List<String> names;
    try (Stream<Path> files = Files.list(here)) {
      names = files.map(file -> file.getFileName().toString()).sorted().toList();
    }
    for (String name : names) {
      assertArrayEquals(Files.readAllBytes(here.resolve(name)), Files.readAllBytes(there.resolve(name)), name + " differs between JDKs");
    }
  }

  private static String run(Path java, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx512m");
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildJvm.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the child finished");
    assertEquals(0, process.exitValue(), output);
    return output;
  }
}
