package io.trapscope.formats.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.formats.Column;
import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.ColumnType;
import io.trapscope.formats.TestData;
import io.trapscope.formats.WriterOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.statistics.BinaryStatistics;
import org.apache.parquet.column.statistics.BooleanStatistics;
import org.apache.parquet.column.statistics.IntStatistics;
import org.apache.parquet.column.statistics.LongStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;

/** Test helpers that write tables with {@link ParquetTableWriter} and inspect files with parquet-mr. */
final class ParquetFiles {
  private ParquetFiles() {}

  /** Writes {@code all} to {@code path} in random chunks, one row group per {@code rowGroupRowsMax} rows. */
  static void write(Path path, ColumnBatch all, WriterOptions options, SplittableRandom chunking) throws IOException {
    try (ParquetTableWriter writer = new ParquetTableWriter(path, all.table(), options, Codecs.defaults())) {
      TestData.writeChunked(writer, all, chunking, 1 + chunking.nextInt(40_000));
      assertEquals(all.size(), writer.rows());
    }
  }

  /** Reads {@code path} with {@link ParquetTableReader} and asserts it holds exactly {@code expected}. */
  static void assertFileHolds(Path path, ColumnBatch expected, int batchCapacity, String label) {
    try (ParquetTableReader reader = ParquetTableReader.open(path, expected.table())) {
      assertEquals(expected.size(), reader.rows(), label + ": rows in the footer");
      TestData.assertReadsBack(expected, reader, batchCapacity, label);
    }
  }

  /** The footer, as parquet-mr reads it. */
  static ParquetMetadata footer(Path path) throws IOException {
    ParquetReadOptions options =
        ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(Codecs.defaults()).build();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(path), options)) {
      return reader.getFooter();
    }
  }

  /**
   * Asserts every row group holds {@code rowGroupRowsMax} rows (the last fewer) and that each column
   * chunk's statistics (min, max, null count) are those of its rows: SQL engines skip row groups by them.
   */
  static void assertRowGroupsAndStatistics(Path path, ColumnBatch expected, int rowGroupRowsMax, String label)
      throws IOException {
    List<BlockMetaData> groups = footer(path).getBlocks();
    int expectedGroups = (expected.size() + rowGroupRowsMax - 1) / rowGroupRowsMax;
    assertEquals(expectedGroups, groups.size(), label + ": row groups");
    List<Column> columns = expected.table().columns();
    for (int group = 0; group < groups.size(); group++) {
      int from = group * rowGroupRowsMax;
      int to = Math.min(expected.size(), from + rowGroupRowsMax);
      assertEquals(to - from, groups.get(group).getRowCount(), label + ": rows of row group " + group);
      for (int column = 0; column < columns.size(); column++) {
        ColumnChunkMetaData chunk = groups.get(group).getColumns().get(column);
        String where = label + ": row group " + group + " column " + columns.get(column).name();
        assertEquals(to - from, chunk.getValueCount(), where + ": values");
        assertStatistics(chunk.getStatistics(), expected, column, from, to, where);
      }
    }
  }

  private static void assertStatistics(Statistics<?> statistics, ColumnBatch expected, int column, int from, int to, String where) {
    ColumnType type = expected.table().columns().get(column).type();
    long nulls = 0;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    byte[] minString = null;
    byte[] maxString = null;
    for (int row = from; row < to; row++) {
      if (expected.isNull(column, row)) {
        nulls++;
        continue;
      }
      if (type == ColumnType.STRING) {
        byte[] utf8 = expected.string(column, row).getBytes(StandardCharsets.UTF_8);
        if (minString == null || Arrays.compareUnsigned(utf8, minString) < 0) {
          minString = utf8;
        }
        if (maxString == null || Arrays.compareUnsigned(utf8, maxString) > 0) {
          maxString = utf8;
        }
      } else {
        min = Math.min(min, expected.get(column, row));
        max = Math.max(max, expected.get(column, row));
      }
    }
    assertEquals(nulls, statistics.getNumNulls(), where + ": null count");
    if (nulls == to - from) {
      assertTrue(!statistics.hasNonNullValue(), where + ": min/max of an all-null chunk");
      return;
    }
    assertTrue(statistics.hasNonNullValue(), where + ": no min/max");
    switch (type) {
      case INT64:
        assertEquals(min, ((LongStatistics) statistics).getMin(), where + ": min");
        assertEquals(max, ((LongStatistics) statistics).getMax(), where + ": max");
        break;
      case INT32:
        assertEquals(min, ((IntStatistics) statistics).getMin(), where + ": min");
        assertEquals(max, ((IntStatistics) statistics).getMax(), where + ": max");
        break;
      case BOOLEAN:
        assertEquals(min != 0, ((BooleanStatistics) statistics).getMin(), where + ": min");
        assertEquals(max != 0, ((BooleanStatistics) statistics).getMax(), where + ": max");
        break;
      case STRING:
        assertEquals(
            new String(minString, StandardCharsets.UTF_8),
            ((BinaryStatistics) statistics).genericGetMin().toStringUsingUTF8(),
            where + ": min");
        assertEquals(
            new String(maxString, StandardCharsets.UTF_8),
            ((BinaryStatistics) statistics).genericGetMax().toStringUsingUTF8(),
            where + ": max");
        break;
      default:
        throw new IllegalStateException(type.toString());
    }
  }
}
