package io.trapscope.benchmarks;

import io.trapscope.formats.Manifest;
import io.trapscope.formats.Table;
import io.trapscope.formats.WriterOptions;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.recorder.ProgressListener;
import io.trapscope.recorder.RecordOptions;
import io.trapscope.recorder.Recorder;
import io.trapscope.recorder.Recording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end recording to Parquet: emulator, batching, encoding, compression, checksums, the atomic
 * rename. Reports events per second; prints bytes per event of each file at the end.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@State(Scope.Thread)
public class RecordBenchmark {
  @Param({"ZSTD"})
  public WriterOptions.Compression compression;

  private Scenario scenario;
  private Path directory;
  private Manifest last;


  @Setup
  public void setUp() throws IOException {
    scenario = Workloads.memcmp(50_000);
    directory = Files.createTempDirectory("trapscope-bench");
  }

  @Benchmark
  public Manifest record(EventCounter counts) throws IOException {
    Recording recording =
        Recorder.record(scenario, directory.resolve("t"), new RecordOptions(false, true, compression), ProgressListener.NONE);
    counts.events += recording.manifest().rows(Table.EVENTS);
    last = recording.manifest();
    return last;
  }

  @TearDown
  public void tearDown() throws IOException {
    if (last != null) {
      long events = last.rows(Table.EVENTS);
      long total = 0;
      for (Manifest.TableEntry table : last.tables()) {
        for (Manifest.FileEntry file : table.files()) {
          total += file.bytes();
          System.out.printf("%n%s: %,d bytes, %.2f bytes per event", file.path(), file.bytes(), file.bytes() / (double) events);
        }
      }
      System.out.printf("%nall files: %.2f bytes per event (%,d events)%n", total / (double) events, events);
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
