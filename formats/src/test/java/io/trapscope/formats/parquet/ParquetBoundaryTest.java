package io.trapscope.formats.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.Table;
import io.trapscope.formats.TableReader;
import io.trapscope.formats.TestData;
import io.trapscope.formats.TraceReader;
import io.trapscope.formats.WriterOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Row counts at, just below and just above page and row-group boundaries read back equal, in pages of 64Ki rows. */
class ParquetBoundaryTest {
  private static final int PAGE = ParquetTableWriter.PAGE_ROWS;

  @TempDir Path temp;

  static Stream<Arguments> boundaries() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (int rowGroupRowsMax : new int[] {10_000, PAGE, 100_000}) {
      Set<Integer> counts = new TreeSet<>();
      for (int around : new int[] {0, PAGE, 2 * PAGE, rowGroupRowsMax, 2 * rowGroupRowsMax}) {
        for (int delta = -1; delta <= 1; delta++) {
          if (around + delta >= 0) {
            counts.add(around + delta);
          }
        }
      }
      for (int rows : counts) {
        cases.add(Arguments.of(rowGroupRowsMax, rows));
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "groups of {0}, {1} rows")
  @MethodSource("boundaries")
  void rowCountsAroundBoundariesReadBackEqual(int rowGroupRowsMax, int rows) throws IOException {
    ColumnBatch expected = TestData.denseEvents(rows, rows);
    Path path = temp.resolve("events.parquet");
    ParquetFiles.write(path, expected, new WriterOptions(WriterOptions.Compression.ZSTD, rowGroupRowsMax, Map.of()), new SplittableRandom(rows));
    String label = rows + " rows in groups of " + rowGroupRowsMax;
    ParquetFiles.assertFileHolds(path, expected, 65_537, label);
    ParquetFiles.assertRowGroupsAndStatistics(path, expected, rowGroupRowsMax, label);
    assertPagesOf(path, Math.min(PAGE, rowGroupRowsMax), label);
  }

  @Test
  void oneRowAtATimeAndOneWriteOfEverythingGiveTheSameFile() throws IOException {
    int rows = PAGE + 3;
    ColumnBatch expected = TestData.denseEvents(9, rows);
    WriterOptions options = new WriterOptions(WriterOptions.Compression.ZSTD, 40_000, Map.of());
    Path single = temp.resolve("single.parquet");
    Path whole = temp.resolve("whole.parquet");
    try (ParquetTableWriter writer = new ParquetTableWriter(single, Table.EVENTS, options, Codecs.defaults())) {
      TestData.writeInChunksOf(writer, expected, 1);
    }
    try (ParquetTableWriter writer = new ParquetTableWriter(whole, Table.EVENTS, options, Codecs.defaults())) {
      writer.write(expected);
    }
    ParquetFiles.assertFileHolds(single, expected, 1, "one row at a time");
    assertEquals(TraceReader.sha256(whole), TraceReader.sha256(single), "batching must not change the file");
  }

  @Test
  void emptyAndSingleRowTablesRoundTripThroughATrace() throws IOException {
    for (int rows : new int[] {0, 1}) {
      Path target = temp.resolve("trace" + rows);
      Map<Table, ColumnBatch> tables =
          Map.of(
              Table.EVENTS, TestData.denseEvents(1, rows),
              Table.TRAPS, TestData.denseTraps(2, rows, 0.5),
              Table.CHOICES, TestData.choices(3, rows));
      TestData.writeTrace(target, tables, Set.of(), WriterOptions.defaults(), 7);
      TraceReader trace = TraceReader.open(target);
      for (Table table : Table.traceTables()) {
        assertEquals(rows, trace.manifest().rows(table), table + " rows in the manifest");
        try (TableReader reader = trace.openTable(table)) {
          assertEquals(rows, reader.rows());
          TestData.assertReadsBack(tables.get(table), reader, 3, table + " with " + rows + " rows");
        }
      }
    }
  }

  /** Asserts every column chunk is cut into pages of {@code pageRows} rows, the last of a chunk fewer. */
  private static void assertPagesOf(Path path, int pageRows, String label) throws IOException {
    ParquetReadOptions options =
        ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(Codecs.defaults()).build();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(path), options)) {
      for (BlockMetaData group : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData chunk : group.getColumns()) {
          OffsetIndex pages = reader.readOffsetIndex(chunk);
          long expectedPages = (group.getRowCount() + pageRows - 1) / pageRows;
          assertEquals(expectedPages, pages.getPageCount(), label + ": pages of " + chunk.getPath());
          for (int page = 0; page < pages.getPageCount(); page++) {
            assertEquals((long) page * pageRows, pages.getFirstRowIndex(page), label + ": first row of page " + page);
          }
        }
      }
    }
  }
}
