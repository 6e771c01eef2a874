package io.trapscope.benchmarks;

import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.StringDictionary;
import io.trapscope.formats.Table;
import io.trapscope.formats.TableReader;
import io.trapscope.formats.TraceReader;
import io.trapscope.formats.WriterOptions;
import io.trapscope.formats.parquet.Codecs;
import io.trapscope.formats.parquet.ParquetTableWriter;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.recorder.ProgressListener;
import io.trapscope.recorder.RecordOptions;
import io.trapscope.recorder.Recorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * The events table's Parquet writer alone, on one thread, fed real events held in memory: where the
 * recording's time goes, without the emulator.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@State(Scope.Thread)
public class ParquetWriteBenchmark {
  @Param({"ZSTD", "UNCOMPRESSED"})
  public WriterOptions.Compression compression;

  private final List<ColumnBatch> batches = new ArrayList<>();
  private Path directory;
  private long rows;


  @Setup
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("trapscope-bench");
    Scenario scenario = Workloads.memcmp(25_000);
    Recorder.record(scenario, directory.resolve("source"), RecordOptions.defaults(), ProgressListener.NONE);
    StringDictionary[] dictionaries = ColumnBatch.freshDictionaries(Table.EVENTS);
    try (TableReader reader = TraceReader.open(directory.resolve("source")).openTable(Table.EVENTS)) {
      while (true) {
        ColumnBatch batch = new ColumnBatch(Table.EVENTS, ColumnBatch.CAPACITY_DEFAULT, dictionaries);
        if (!reader.next(batch)) {
          break;
        }
        batches.add(batch);
        rows += batch.size();
      }
    }
  }

  @Benchmark
  public long write(EventCounter counts) throws IOException {
    Path file = directory.resolve("events.parquet");
    Files.deleteIfExists(file);
    try (ParquetTableWriter writer = new ParquetTableWriter(file, Table.EVENTS, WriterOptions.defaults().withCompression(compression), Codecs.defaults())) {
      for (ColumnBatch batch : batches) {
        writer.write(batch);
      }
    }
    counts.events += rows;
    return Files.size(file);
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
