package io.trapscope.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trapscope.formats.RandomTables.Numbers;
import io.trapscope.formats.RandomTables.Strings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A trace's Arrow files hold exactly what its Parquet files hold, nulls and strings included. */
class ArrowRoundTripTest {
  @TempDir Path temp;

  static LongStream seeds() {
    return LongStream.range(0, 8);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomTablesReadBackEqualInBothFormats(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed + 77);
    Map<Table, ColumnBatch> tables = new EnumMap<>(Table.class);
    StringBuilder description = new StringBuilder();
    for (Table table : Table.traceTables()) {
      tables.put(table, RandomTables.random(table, random.nextInt(25_000), random, description));
    }
    assertBothFormatsHold(tables, 1 + random.nextInt(9_000), "seed " + seed + " " + description);
  }

  @Test
  void nullsAtEveryRateAndManyDistinctStringsReadBackEqual() throws IOException {
    for (double nullRate : new double[] {0, 0.5, 1}) {
      SplittableRandom random = new SplittableRandom(Double.doubleToLongBits(nullRate));
      Map<Table, ColumnBatch> tables = new EnumMap<>(Table.class);
      tables.put(Table.TRAPS, RandomTables.uniform(Table.TRAPS, 70_000, Numbers.EXTREMES, Strings.ALL_DISTINCT, nullRate, random));
      tables.put(Table.EVENTS, RandomTables.uniform(Table.EVENTS, 20_000, Numbers.HUGE_JUMPS, Strings.MANY, 0, random));
      tables.put(Table.CHOICES, RandomTables.uniform(Table.CHOICES, 5_000, Numbers.NEGATIVE, Strings.RUNS, 0, random));
      assertBothFormatsHold(tables, 4096, "null rate " + nullRate);
    }
  }

  @Test
  void emptyAndSingleRowTablesReadBackEqual() throws IOException {
    for (int rows : new int[] {0, 1}) {
      Map<Table, ColumnBatch> tables = new EnumMap<>(Table.class);
      tables.put(Table.EVENTS, RandomTables.uniform(Table.EVENTS, rows, Numbers.EXTREMES, Strings.FEW, 0, new SplittableRandom(1)));
      tables.put(Table.TRAPS, RandomTables.uniform(Table.TRAPS, rows, Numbers.UNIFORM, Strings.FEW, 1, new SplittableRandom(2)));
      tables.put(Table.CHOICES, RandomTables.uniform(Table.CHOICES, rows, Numbers.SMALL, Strings.FEW, 0, new SplittableRandom(3)));
      assertBothFormatsHold(tables, 10, rows + " rows");
    }
  }

  /** Writes a trace in both formats and reads each table back from each, with checks against the manifest. */
  private void assertBothFormatsHold(Map<Table, ColumnBatch> tables, int chunk, String label) throws IOException {
    Path target = temp.resolve("t" + System.nanoTime());
    // Dense ids are not what these tables hold, so read the files directly rather than through TraceReader.
    TestData.writeTrace(target, tables, Set.of(TraceFormat.ARROW), new WriterOptions(WriterOptions.Compression.ZSTD, 30_000, Map.of()), chunk);
    TraceReader trace = TraceReader.open(target);
    for (Table table : Table.traceTables()) {
      ColumnBatch expected = tables.get(table);
      ColumnBatch parquet;
      ColumnBatch arrow;
      try (TableReader reader = TraceFormat.PARQUET.newReader(trace.file(table, TraceFormat.PARQUET), table)) {
        parquet = TestData.readAll(reader, table, expected.size(), 5_000);
      }
      try (TableReader reader = TraceFormat.ARROW.newReader(trace.file(table, TraceFormat.ARROW), table)) {
        assertEquals(expected.size(), reader.rows(), label + ": " + table + " Arrow rows");
        arrow = TestData.readAll(reader, table, expected.size(), 3_333);
      }
      TestData.assertSameRows(expected, arrow, label + ": " + table + " Arrow");
      TestData.assertSameRows(parquet, arrow, label + ": " + table + " Arrow against Parquet");
    }
  }
}
