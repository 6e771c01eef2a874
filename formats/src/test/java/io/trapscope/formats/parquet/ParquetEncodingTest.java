package io.trapscope.formats.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.RandomTables;
import io.trapscope.formats.RandomTables.Numbers;
import io.trapscope.formats.RandomTables.Strings;
import io.trapscope.formats.Table;
import io.trapscope.formats.TestData;
import io.trapscope.formats.WriterOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every value our Parquet page encoders write reads back equal through parquet-mr, with exact statistics. */
class ParquetEncodingTest {
  private static final int[] ROW_GROUP_SIZES = {10_000, 100_000, 65_536, 1_000};

  @TempDir Path temp;

  static LongStream seeds() {
    return LongStream.range(0, 30);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomTablesReadBackEqual(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
    Table table = Table.values()[(int) (seed % Table.values().length)];
    int pick = random.nextInt(10);
    int rows = pick < 1 ? random.nextInt(10) : pick < 7 ? random.nextInt(30_000) : 30_000 + random.nextInt(90_000);
    int rowGroupRowsMax = ROW_GROUP_SIZES[random.nextInt(ROW_GROUP_SIZES.length)];
    WriterOptions.Compression compression =
        WriterOptions.Compression.values()[random.nextInt(WriterOptions.Compression.values().length)];
    StringBuilder description = new StringBuilder();
    ColumnBatch expected = RandomTables.random(table, rows, random, description);
    String label =
        "seed " + seed + " " + table + " rows " + rows + " groups of " + rowGroupRowsMax + " " + compression + " "
            + description;
    Path path = temp.resolve("t.parquet");
    WriterOptions options = new WriterOptions(compression, rowGroupRowsMax, Map.of());
    ParquetFiles.write(path, expected, options, random);
    ParquetFiles.assertFileHolds(path, expected, 1 + random.nextInt(20_000), label);
    ParquetFiles.assertRowGroupsAndStatistics(path, expected, rowGroupRowsMax, label);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Numbers.class)
  void everyColumnOfOneShapeReadsBackEqual(Numbers shape) throws Exception {
    for (Table table : Table.values()) {
      for (int rowGroupRowsMax : new int[] {10_000, 100_000}) {
        SplittableRandom random = new SplittableRandom(shape.ordinal() * 31L + table.ordinal());
        ColumnBatch expected = RandomTables.uniform(table, 70_001, shape, Strings.RUNS, 0.5, random);
        String label = shape + " " + table + " groups of " + rowGroupRowsMax;
        Path path = temp.resolve(table.tableName() + rowGroupRowsMax + ".parquet");
        ParquetFiles.write(path, expected, new WriterOptions(WriterOptions.Compression.ZSTD, rowGroupRowsMax, Map.of()), random);
        ParquetFiles.assertFileHolds(path, expected, 4096, label);
        ParquetFiles.assertRowGroupsAndStatistics(path, expected, rowGroupRowsMax, label);
      }
    }
  }

  @ParameterizedTest(name = "null rate {0}")
  @ValueSource(doubles = {0, 0.5, 1})
  void deliveredSeqNullsReadBackAtEveryRate(double nullRate) throws Exception {
    SplittableRandom random = new SplittableRandom(Double.doubleToLongBits(nullRate));
    ColumnBatch expected = TestData.denseTraps(3, 150_000, nullRate);
    Path path = temp.resolve("traps.parquet");
    ParquetFiles.write(path, expected, new WriterOptions(WriterOptions.Compression.ZSTD, 65_536, Map.of()), random);
    ParquetFiles.assertFileHolds(path, expected, 10_000, "null rate " + nullRate);
    ParquetFiles.assertRowGroupsAndStatistics(path, expected, 65_536, "null rate " + nullRate);
  }

  @Test
  void categoriesPastTheChunkDictionaryFallBackToPlainMidChunk() throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    int rows = 150_000;
    ColumnBatch expected = RandomTables.uniform(Table.EVENTS, rows, Numbers.RUNS, Strings.RUNS, 0, random);
    RandomTables.fillStrings(expected, Table.Events.KIND, rows, Strings.ALL_DISTINCT, random);
    RandomTables.fillNumbers(expected.column(Table.Events.VCPU), rows, Numbers.UNIFORM, Table.EVENTS.columns().get(Table.Events.VCPU).type(), random);
    Path path = temp.resolve("events.parquet");
    ParquetFiles.write(path, expected, new WriterOptions(WriterOptions.Compression.ZSTD, 100_000, Map.of()), random);
    ParquetFiles.assertFileHolds(path, expected, 7_000, "fallback");
    ParquetFiles.assertRowGroupsAndStatistics(path, expected, 100_000, "fallback");
    BlockMetaData first = ParquetFiles.footer(path).getBlocks().get(0);
    BlockMetaData second = ParquetFiles.footer(path).getBlocks().get(1);
    for (int column : new int[] {Table.Events.KIND, Table.Events.VCPU}) {
      assertEquals(
          Set.of(Encoding.RLE_DICTIONARY, Encoding.PLAIN),
          dataEncodings(first.getColumns().get(column)),
          "100,000 distinct values: the first page keeps the dictionary, the second falls back");
      assertEquals(
          Set.of(Encoding.RLE_DICTIONARY),
          dataEncodings(second.getColumns().get(column)),
          "a new row group starts a new dictionary");
    }
  }

  @ParameterizedTest(name = "{0} distinct")
  @ValueSource(ints = {LongDictionary.ENTRIES_MAX, LongDictionary.ENTRIES_MAX + 1})
  void dictionaryExactlyFullKeepsDictionaryEncodingAndOneMoreFallsBack(int distinct) throws Exception {
    int rows = 2 * LongDictionary.ENTRIES_MAX + 5;
    ColumnBatch expected = RandomTables.uniform(Table.CHOICES, rows, Numbers.COUNTER, Strings.CONSTANT, 0, new SplittableRandom(5));
    for (int row = 0; row < rows; row++) {
      expected.setString(Table.Choices.POINT, row, RandomTables.word(row % distinct));
    }
    Path path = temp.resolve("choices.parquet");
    ParquetFiles.write(path, expected, new WriterOptions(WriterOptions.Compression.ZSTD, rows, Map.of()), new SplittableRandom(6));
    ParquetFiles.assertFileHolds(path, expected, 50_000, distinct + " distinct");
    ParquetFiles.assertRowGroupsAndStatistics(path, expected, rows, distinct + " distinct");
    Set<Encoding> encodings = dataEncodings(ParquetFiles.footer(path).getBlocks().get(0).getColumns().get(Table.Choices.POINT));
    assertEquals(
        distinct == LongDictionary.ENTRIES_MAX ? Set.of(Encoding.RLE_DICTIONARY) : Set.of(Encoding.RLE_DICTIONARY, Encoding.PLAIN),
        encodings);
  }

  private static Set<Encoding> dataEncodings(ColumnChunkMetaData chunk) {
    return chunk.getEncodingStats().getDataEncodings();
  }
}
