package io.trapscope.benchmarks;

import io.trapscope.formats.Table;
import io.trapscope.formats.TraceReader;
import io.trapscope.recorder.ProgressListener;
import io.trapscope.recorder.RecordOptions;
import io.trapscope.recorder.Recorder;
import io.trapscope.replayer.ReplayResult;
import io.trapscope.replayer.Replayer;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact replay of a recorded trace, every event and trap compared: verify, read, re-execute, compare. Run
 * it beside {@link RecordBenchmark}, whose trace it replays, to compare the two.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class ReplayBenchmark {
  private Path directory;
  private Path trace;
  private long events;


  @Setup
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("trapscope-bench");
    trace = directory.resolve("t");
    Recorder.record(Workloads.memcmp(50_000), trace, RecordOptions.defaults(), ProgressListener.NONE);
    events = TraceReader.open(trace).manifest().rows(Table.EVENTS);
  }

  @Benchmark
  public ReplayResult replay(EventCounter counts) {
    ReplayResult result = Replayer.replay(trace, ProgressListener.NONE);
    if (!result.identical()) {
      throw new IllegalStateException("replay diverged: " + result.divergence());
    }
    counts.events += events;
    return result;
  }

  @TearDown
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
