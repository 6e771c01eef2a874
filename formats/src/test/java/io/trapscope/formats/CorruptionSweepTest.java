package io.trapscope.formats;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With checksum verification off, a damaged byte anywhere in a data file never hangs a reader nor escapes
 * as anything but a one-line {@link TraceFormatException}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CorruptionSweepTest {
  @TempDir Path temp;

  @ParameterizedTest(name = "{0} xor {1}")
  @CsvSource({"EVENTS, 255", "TRAPS, 1", "CHOICES, 128"})
  void everyDamagedParquetByteFailsCleanlyOrChangesNoValue(Table table, int mask) throws IOException {
    Map<Table, ColumnBatch> tables = tables(200);
    Path trace = temp.resolve("trace");
    TestData.writeTrace(trace, tables, Set.of(), new WriterOptions(WriterOptions.Compression.ZSTD, 120, Map.of()), 50);
    Path file = trace.resolve(table.tableName() + ".parquet");
    byte[] original = Files.readAllBytes(file);
    int detected = 0;
    for (int position = 0; position < original.length; position++) {
      byte[] damaged = original.clone();
      damaged[position] ^= (byte) mask;
      Files.write(file, damaged);
      String where = "byte " + position + " of " + original.length + " xor " + mask;
      ColumnBatch read = readOrNull(trace, table, TraceFormat.PARQUET, file, where);
      if (read == null) {
        detected++;
      } else {
        // Page checksums cover every value: a damaged byte that goes unnoticed is in statistics or indexes.
        TestData.assertSameRows(tables.get(table), read, where + " went unnoticed and changed values");
      }
    }
    assertTrue(detected > original.length / 2, detected + " of " + original.length + " damaged bytes detected");
  }

  @Test
  void everyTruncatedOrDamagedArrowByteFailsCleanlyOrReads() throws IOException {
    Path trace = temp.resolve("trace");
    TestData.writeTrace(trace, tables(60), Set.of(TraceFormat.ARROW), WriterOptions.defaults(), 30);
    Path file = trace.resolve("traps.arrow");
    byte[] original = Files.readAllBytes(file);
    for (int position = 0; position < original.length; position++) {
      Files.write(file, Arrays.copyOf(original, position));
      readOrNull(trace, Table.TRAPS, TraceFormat.ARROW, file, "cut at " + position);
      byte[] damaged = original.clone();
      damaged[position] ^= (byte) 0xFF;
      Files.write(file, damaged);
      // Arrow IPC has no checksums of its own: only the manifest's SHA-256 notices a changed value.
      readOrNull(trace, Table.TRAPS, TraceFormat.ARROW, file, "byte " + position + " xor 255");
    }
  }

  private static Map<Table, ColumnBatch> tables(int rows) {
    return Map.of(
        Table.EVENTS, TestData.denseEvents(1, rows),
        Table.TRAPS, TestData.denseTraps(2, rows, 0.5),
        Table.CHOICES, TestData.choices(3, rows));
  }

  /** The table's rows, or null after a clean {@link TraceFormatException}; fails on anything else. */
  private static ColumnBatch readOrNull(Path trace, Table table, TraceFormat format, Path file, String where) {
    try (TableReader rows = TraceReader.open(trace, false).openTable(table, format)) {
      return TestData.readAll(rows, table, 1000, 64);
    } catch (TraceFormatException e) {
      TestData.assertCleanMessage(e, file);
      return null;
    } catch (Throwable e) {
      return fail(where + ": " + e, e);
    }
  }
}
