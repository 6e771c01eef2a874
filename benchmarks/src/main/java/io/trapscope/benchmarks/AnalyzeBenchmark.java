package io.trapscope.benchmarks;

import io.trapscope.analyzer.AnalysisOptions;
import io.trapscope.analyzer.Analyzer;
import io.trapscope.analyzer.FindingListener;
import io.trapscope.analyzer.TraceAnalysis;
import io.trapscope.formats.Table;
import io.trapscope.formats.TraceReader;
import io.trapscope.recorder.ProgressListener;
import io.trapscope.recorder.RecordOptions;
import io.trapscope.recorder.Recorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * The analyzer with every rule on, against DuckDB running the SQL that finds the same corrupted reads, on
 * the same file in the same run. Both report events per second of the trace.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class AnalyzeBenchmark {
  static final String CORRUPTED_READS =
      "SELECT count(*) FROM '%s' WHERE kind = 'FPU_READ' AND (fpu_owner <> task OR value <> aux)";

  private Path directory;
  private Path trace;
  private long events;
  private Connection duckdb;


  @Setup
  public void setUp() throws IOException, SQLException {
    directory = Files.createTempDirectory("trapscope-bench");
    trace = directory.resolve("t");
    Recorder.record(Workloads.memcmp(50_000), trace, RecordOptions.defaults(), ProgressListener.NONE);
    events = TraceReader.open(trace).manifest().rows(Table.EVENTS);
    duckdb = DriverManager.getConnection("jdbc:duckdb:");
  }

  @Benchmark
  public TraceAnalysis analyzer(EventCounter counts) {
    TraceAnalysis analysis = Analyzer.analyze(trace, AnalysisOptions.defaults(), FindingListener.NONE);
    counts.events += events;
    return analysis;
  }

  @Benchmark
  public long duckdb(EventCounter counts) throws SQLException {
    try (Statement statement = duckdb.createStatement();
        ResultSet result = statement.executeQuery(String.format(CORRUPTED_READS, trace.resolve("events.parquet")))) {
      result.next();
      counts.events += events;
      return result.getLong(1);
    }
  }

  @TearDown
  public void tearDown() throws IOException, SQLException {
    duckdb.close();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
