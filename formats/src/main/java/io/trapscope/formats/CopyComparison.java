package io.trapscope.formats;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Compares a table's copy in another format (the Arrow file) with its Parquet file row by row, so that a
 * copy whose bytes were changed and whose checksum was recomputed to match is still caught: a checksum
 * says the file is the one the manifest names, not that it holds the trace's rows.
 */
public final class CopyComparison {
  private CopyComparison() {}

  /**
   * Reads both copies of {@code table} to the end, batch by batch.
   *
   * @throws TraceFormatException naming the copy and the first row or column where it differs
   */
  public static void requireSameRows(TraceReader reader, Table table, TraceFormat copy) {
    Path copyFile = reader.file(table, copy);
    try (TableReader parquet = reader.openTable(table, TraceFormat.PARQUET);
        TableReader other = reader.openTable(table, copy)) {
      ColumnBatch expected = ColumnBatch.create(table, ColumnBatch.CAPACITY_DEFAULT);
      ColumnBatch actual = ColumnBatch.create(table, ColumnBatch.CAPACITY_DEFAULT);
      long row = 0;
      int expectedAt = 0;
      int actualAt = 0;
      while (true) {
        if (expectedAt == expected.size()) {
          expectedAt = 0;
          if (!parquet.next(expected)) {
            expected.clear();
          }
        }
        if (actualAt == actual.size()) {
          actualAt = 0;
          if (!other.next(actual)) {
            actual.clear();
          }
        }
        boolean expectedDone = expected.size() == 0;
        boolean actualDone = actual.size() == 0;
        if (expectedDone || actualDone) {
          if (expectedDone != actualDone) {
            throw new TraceFormatException(copyFile, (actualDone ? "ends" : "goes on") + " at row " + row + ", where "
                + reader.file(table, TraceFormat.PARQUET).getFileName() + (actualDone ? " goes on" : " ends"));
          }
          return;
        }
        for (int column = 0; column < table.columns().size(); column++) {
          if (!Objects.equals(value(expected, column, expectedAt), value(actual, column, actualAt))) {
            throw new TraceFormatException(copyFile, "row " + row + ", column " + table.columns().get(column).name()
                + " differs from " + reader.file(table, TraceFormat.PARQUET).getFileName() + " (a copy must hold the same rows)");
          }
        }
        row++;
        expectedAt++;
        actualAt++;
      }
    }
  }

  private static Object value(ColumnBatch batch, int column, int row) {
    if (batch.isNull(column, row)) {
      return null;
    }
    long raw = batch.get(column, row);
    StringDictionary dictionary = batch.table().columns().get(column).type() == ColumnType.STRING ? batch.dictionary(column) : null;
    return dictionary == null ? (Object) raw : dictionary.value((int) raw);
  }
}
