package io.trapscope.benchmarks;

import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.Table;
import io.trapscope.formats.TableReader;
import io.trapscope.formats.TraceReader;
import io.trapscope.formats.WriterOptions;
import io.trapscope.formats.parquet.Codecs;
import io.trapscope.formats.parquet.ParquetTableReader;
import io.trapscope.formats.parquet.ParquetTableWriter;
import io.trapscope.recorder.ProgressListener;
import io.trapscope.recorder.RecordOptions;
import io.trapscope.recorder.Recorder;
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
 * The events table's Parquet reader alone, on one thread, decoding every column of a recorded trace into
 * batches: the analyzer's critical path (docs/PERFORMANCE.md), without the rules or the checksums.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@State(Scope.Thread)
public class ParquetReadBenchmark {
  @Param({"ZSTD", "UNCOMPRESSED"})
  public WriterOptions.Compression compression;

  private Path directory;
  private Path file;
  private final ColumnBatch batch = ColumnBatch.create(Table.EVENTS, ColumnBatch.CAPACITY_DEFAULT);

  @Setup
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("trapscope-bench");
    Recorder.record(Workloads.memcmp(25_000), directory.resolve("source"), RecordOptions.defaults(), ProgressListener.NONE);
    file = directory.resolve("events.parquet");
    ColumnBatch copy = ColumnBatch.create(Table.EVENTS, ColumnBatch.CAPACITY_DEFAULT);
    try (TableReader reader = TraceReader.open(directory.resolve("source")).openTable(Table.EVENTS);
        ParquetTableWriter writer =
            new ParquetTableWriter(file, Table.EVENTS, WriterOptions.defaults().withCompression(compression), Codecs.defaults())) {
      while (reader.next(copy)) {
        writer.write(copy);
      }
    }
  }

  @Benchmark
  public long read(EventCounter counts) {
    long checksum = 0;
    try (ParquetTableReader reader = ParquetTableReader.open(file, Table.EVENTS)) {
      while (reader.next(batch)) {
        counts.events += batch.size();
        checksum += batch.column(Table.Events.TICK)[batch.size() - 1];
      }
    }
    return checksum;
  }

  @TearDown
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
