package io.trapscope.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.formats.RandomTables.Numbers;
import io.trapscope.formats.RandomTables.Strings;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DuckDB, an independent Parquet reader, sees exactly the values, encodings and codec our writer meant. */
class DuckDbAgreementTest {
  @TempDir Path temp;

  /** Datasets that stress a different encoder each, with nulls and dictionary fallback among them. */
  enum Dataset {
    EVENTS_EXTREMES(Table.EVENTS, Numbers.EXTREMES, Strings.RUNS, 0),
    EVENTS_HUGE_JUMPS(Table.EVENTS, Numbers.HUGE_JUMPS, Strings.MANY, 0),
    EVENTS_NEGATIVE(Table.EVENTS, Numbers.NEGATIVE, Strings.CONSTANT, 0),
    TRAPS_HALF_NULL_ALL_DISTINCT(Table.TRAPS, Numbers.UNIFORM, Strings.ALL_DISTINCT, 0.5),
    TRAPS_ALL_NULL(Table.TRAPS, Numbers.RUNS, Strings.FEW, 1),
    CHOICES_CONSTANT(Table.CHOICES, Numbers.CONSTANT, Strings.CONSTANT, 0);

    final Table table;
    final Numbers numbers;
    final Strings strings;
    final double nullRate;

    Dataset(Table table, Numbers numbers, Strings strings, double nullRate) {
      this.table = table;
      this.numbers = numbers;
      this.strings = strings;
      this.nullRate = nullRate;
    }

    ColumnBatch generate(int rows) {
      return RandomTables.uniform(table, rows, numbers, strings, nullRate, new SplittableRandom(ordinal() + 1000));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dataset.class)
  void countsSumsMinimaAndMaximaAgreePerColumn(Dataset dataset) throws Exception {
    ColumnBatch expected = dataset.generate(150_000);
    Path file = writeTable(expected, 10_000);
    List<Column> columns = dataset.table.columns();
    StringBuilder select = new StringBuilder("SELECT count(*)");
    for (Column column : columns) {
      String name = '"' + column.name() + '"';
      if (column.type() == ColumnType.STRING) {
        select.append(", count(").append(name).append("), count(DISTINCT ").append(name).append("), min(").append(name)
            .append("), max(").append(name).append(")");
      } else {
        select.append(", count(").append(name).append("), sum(").append(name).append("::HUGEINT)::VARCHAR, min(")
            .append(name).append("::BIGINT), max(").append(name).append("::BIGINT)");
      }
    }
    select.append(" FROM '").append(sql(file)).append("'");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(select.toString())) {
      assertTrue(result.next());
      assertEquals(expected.size(), result.getLong(1), "count(*)");
      int position = 2;
      for (int column = 0; column < columns.size(); column++) {
        String name = columns.get(column).name();
        Aggregate want = Aggregate.of(expected, column);
        assertEquals(want.count, result.getLong(position), name + ": count");
        if (columns.get(column).type() == ColumnType.STRING) {
          assertEquals(want.distinct, result.getLong(position + 1), name + ": count distinct");
          assertEquals(want.minString, result.getString(position + 2), name + ": min");
          assertEquals(want.maxString, result.getString(position + 3), name + ": max");
        } else {
          assertEquals(want.count == 0 ? null : want.sum.toString(), result.getString(position + 1), name + ": sum");
          if (want.count > 0) {
            assertEquals(want.min, result.getLong(position + 2), name + ": min");
            assertEquals(want.max, result.getLong(position + 3), name + ": max");
          }
        }
        position += 4;
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Dataset.class)
  void everyCellAgreesInRowOrder(Dataset dataset) throws Exception {
    ColumnBatch expected = dataset.generate(20_000);
    Path file = writeTable(expected, 7_000);
    List<Column> columns = dataset.table.columns();
    String query = "SELECT * EXCLUDE (file_row_number) FROM read_parquet('" + sql(file)
        + "', file_row_number = true) ORDER BY file_row_number";
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      for (int row = 0; row < expected.size(); row++) {
        assertTrue(result.next(), "DuckDB ran out of rows at " + row);
        for (int column = 0; column < columns.size(); column++) {
          String where = dataset + " row " + row + " " + columns.get(column).name();
          switch (columns.get(column).type()) {
            case STRING:
              String text = result.getString(column + 1);
              assertEquals(expected.isNull(column, row) ? null : expected.string(column, row), text, where);
              break;
            case BOOLEAN:
              boolean flag = result.getBoolean(column + 1);
              assertEquals(expected.isNull(column, row), result.wasNull(), where + " null");
              assertEquals(expected.get(column, row) != 0, flag, where);
              break;
            default:
              long value = result.getLong(column + 1);
              assertEquals(expected.isNull(column, row), result.wasNull(), where + " null");
              if (!expected.isNull(column, row) && value != expected.get(column, row)) {
                assertEquals(expected.get(column, row), value, where);
              }
          }
        }
      }
      assertFalse(result.next(), "DuckDB returned more rows than were written");
    }
  }

  @Test
  void metadataShowsZstdAndTheEncodingsEachColumnShapeCallsFor() throws Exception {
    Path target = temp.resolve("trace");
    Map<Table, ColumnBatch> tables =
        Map.of(
            Table.EVENTS, TestData.denseEvents(1, 100_000),
            Table.TRAPS, TestData.denseTraps(2, 30_000, 0.5),
            Table.CHOICES, TestData.choices(3, 10_000));
    Manifest manifest =
        TestData.writeTrace(target, tables, Set.of(), new WriterOptions(WriterOptions.Compression.ZSTD, 30_000, Map.of()), 4096);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      for (Table table : Table.traceTables()) {
        String file = sql(target.resolve(table.tableName() + ".parquet"));
        Map<String, Set<String>> encodings = new TreeMap<>();
        Set<String> codecs = new HashSet<>();
        try (ResultSet result =
            statement.executeQuery(
                "SELECT path_in_schema, compression, encodings FROM parquet_metadata('" + file + "')")) {
          while (result.next()) {
            codecs.add(result.getString(2));
            encodings.computeIfAbsent(result.getString(1), key -> new HashSet<>())
                .addAll(Arrays.asList(result.getString(3).split(",\\s*")));
          }
        }
        assertEquals(Set.of("ZSTD"), codecs, table + ": codecs");
        for (Column column : table.columns()) {
          Set<String> actual = encodings.get(column.name());
          String expectedEncoding = expectedEncoding(column);
          assertTrue(actual != null && actual.contains(expectedEncoding), table + "." + column.name() + ": " + actual);
        }
        try (ResultSet result = statement.executeQuery("SELECT count(*) FROM '" + file + "'")) {
          assertTrue(result.next());
          assertEquals(manifest.rows(table), result.getLong(1), table + ": rows");
        }
        try (ResultSet result =
            statement.executeQuery("SELECT count(DISTINCT row_group_id) FROM parquet_metadata('" + file + "')")) {
          assertTrue(result.next());
          assertEquals((manifest.rows(table) + 29_999) / 30_000, result.getLong(1), table + ": row groups");
        }
      }
      assertEquals("DELTA_BINARY_PACKED", expectedEncoding(Table.EVENTS.columns().get(Table.Events.SEQ)));
      assertEquals("DELTA_BINARY_PACKED", expectedEncoding(Table.EVENTS.columns().get(Table.Events.TICK)));
      assertEquals("RLE_DICTIONARY", expectedEncoding(Table.EVENTS.columns().get(Table.Events.KIND)));
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static String expectedEncoding(Column column) {
    if (column.type() == ColumnType.BOOLEAN) {
      return "RLE";
    }
    switch (column.shape()) {
      case COUNTER:
        return "DELTA_BINARY_PACKED";
      case CATEGORY:
        return "RLE_DICTIONARY";
      default:
        return column.type() == ColumnType.STRING ? "RLE_DICTIONARY" : "PLAIN";
    }
  }

  private Path writeTable(ColumnBatch all, int rowGroupRowsMax) throws Exception {
    Path file = temp.resolve(all.table().tableName() + ".parquet");
    WriterOptions options = new WriterOptions(WriterOptions.Compression.ZSTD, rowGroupRowsMax, Map.of());
    try (TableWriter writer = TraceFormat.PARQUET.newWriter(file, all.table(), options, null)) {
      TestData.writeChunked(writer, all, new SplittableRandom(all.size()), 9_000);
    }
    return file;
  }

  private static String sql(Path path) {
    return path.toString().replace("'", "''");
  }

  /** What DuckDB should compute for one column. */
  private static final class Aggregate {
    long count;
    BigInteger sum = BigInteger.ZERO;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long distinct;
    String minString;
    String maxString;

    static Aggregate of(ColumnBatch batch, int column) {
      Aggregate aggregate = new Aggregate();
      boolean string = batch.table().columns().get(column).type() == ColumnType.STRING;
      Set<String> seen = new HashSet<>();
      byte[] minUtf8 = null;
      byte[] maxUtf8 = null;
      for (int row = 0; row < batch.size(); row++) {
        if (batch.isNull(column, row)) {
          continue;
        }
        aggregate.count++;
        if (string) {
          String value = batch.string(column, row);
          if (seen.add(value)) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            if (minUtf8 == null || Arrays.compareUnsigned(utf8, minUtf8) < 0) {
              minUtf8 = utf8;
            }
            if (maxUtf8 == null || Arrays.compareUnsigned(utf8, maxUtf8) > 0) {
              maxUtf8 = utf8;
            }
          }
        } else {
          long value = batch.get(column, row);
          aggregate.sum = aggregate.sum.add(BigInteger.valueOf(value));
          aggregate.min = Math.min(aggregate.min, value);
          aggregate.max = Math.max(aggregate.max, value);
        }
      }
      aggregate.distinct = seen.size();
      aggregate.minString = minUtf8 == null ? null : new String(minUtf8, StandardCharsets.UTF_8);
      aggregate.maxString = maxUtf8 == null ? null : new String(maxUtf8, StandardCharsets.UTF_8);
      return aggregate;
    }
  }
}
