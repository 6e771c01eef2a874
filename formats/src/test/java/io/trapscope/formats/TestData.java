package io.trapscope.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Shared helpers of the formats tests: whole tables held in one batch, chunked writing, cell-by-cell reading. */
public final class TestData {
  private TestData() {}

  /** A batch of {@code table} big enough for {@code rows} rows (at least one slot). */
  public static ColumnBatch table(Table table, int rows) {
    return ColumnBatch.create(table, Math.max(1, rows));
  }

  /** A batch of {@code capacity} rows sharing {@code source}'s string dictionaries, so codes stay valid. */
  public static ColumnBatch sibling(ColumnBatch source, int capacity) {
    List<Column> columns = source.table().columns();
    StringDictionary[] dictionaries = new StringDictionary[columns.size()];
    for (int column = 0; column < columns.size(); column++) {
      dictionaries[column] = source.dictionary(column);
    }
    return new ColumnBatch(source.table(), capacity, dictionaries);
  }

  /** Copies rows {@code [from, from + count)} of {@code source} into {@code target}, which shares its dictionaries. */
  public static void copyRows(ColumnBatch source, int from, int count, ColumnBatch target) {
    for (int column = 0; column < source.table().columns().size(); column++) {
      System.arraycopy(source.column(column), from, target.column(column), 0, count);
      if (source.nullMask(column) != null) {
        System.arraycopy(source.nullMask(column), from, target.nullMask(column), 0, count);
      }
    }
    target.setSize(count);
  }

  /** Writes every row of {@code all} in chunks of random sizes in {@code [1, chunkMax]}. */
  public static void writeChunked(TableWriter writer, ColumnBatch all, SplittableRandom random, int chunkMax)
      throws IOException {
    ColumnBatch chunk = sibling(all, chunkMax);
    for (int from = 0; from < all.size(); ) {
      int count = Math.min(all.size() - from, 1 + random.nextInt(chunkMax));
      copyRows(all, from, count, chunk);
      writer.write(chunk);
      from += count;
    }
  }

  /** Writes every row of {@code all} in chunks of exactly {@code chunk} rows (the last may be shorter). */
  public static void writeInChunksOf(TableWriter writer, ColumnBatch all, int chunk) throws IOException {
    ColumnBatch target = sibling(all, chunk);
    for (int from = 0; from < all.size(); from += chunk) {
      copyRows(all, from, Math.min(chunk, all.size() - from), target);
      writer.write(target);
    }
  }

  /** Reads {@code reader} to its end into one batch of at most {@code rowsMax} rows. */
  public static ColumnBatch readAll(TableReader reader, Table table, int rowsMax, int batchCapacity) {
    ColumnBatch all = table(table, rowsMax);
    ColumnBatch batch = ColumnBatch.create(table, batchCapacity);
    int rows = 0;
    while (reader.next(batch)) {
      assertTrue(rows + batch.size() <= rowsMax, "reader returned more than " + rowsMax + " rows");
      for (int column = 0; column < table.columns().size(); column++) {
        boolean string = table.columns().get(column).type() == ColumnType.STRING;
        for (int row = 0; row < batch.size(); row++) {
          if (batch.isNull(column, row)) {
            all.setNull(column, rows + row);
          } else if (string) {
            all.setString(column, rows + row, batch.string(column, row));
          } else {
            all.set(column, rows + row, batch.get(column, row));
          }
        }
      }
      rows += batch.size();
      all.setSize(rows);
    }
    all.setSize(rows);
    return all;
  }

  /** Reads {@code reader} to its end and asserts every cell equals {@code expected}'s. */
  public static void assertReadsBack(ColumnBatch expected, TableReader reader, int batchCapacity, String label) {
    ColumnBatch actual = readAll(reader, expected.table(), expected.size(), batchCapacity);
    assertSameRows(expected, actual, label);
  }

  /** Asserts two batches hold the same rows: null flags, values, and strings by content. */
  public static void assertSameRows(ColumnBatch expected, ColumnBatch actual, String label) {
    assertEquals(expected.size(), actual.size(), label + ": row count");
    List<Column> columns = expected.table().columns();
    for (int column = 0; column < columns.size(); column++) {
      Column spec = columns.get(column);
      for (int row = 0; row < expected.size(); row++) {
        boolean expectedNull = expected.isNull(column, row);
        if (expectedNull != actual.isNull(column, row)) {
          fail(label + ": " + spec.name() + " row " + row + ": null is " + actual.isNull(column, row));
        }
        if (expectedNull) {
          continue;
        }
        if (spec.type() == ColumnType.STRING) {
          String want = expected.string(column, row);
          String got = actual.string(column, row);
          if (!want.equals(got)) {
            fail(label + ": " + spec.name() + " row " + row + ": expected '" + want + "' but was '" + got + "'");
          }
        } else if (expected.get(column, row) != actual.get(column, row)) {
          fail(label + ": " + spec.name() + " row " + row + ": expected " + expected.get(column, row) + " but was "
              + actual.get(column, row));
        }
      }
    }
  }

  /** A manifest with every field but the tables filled in, as a recorder passes to {@link TraceWriter#finish}. */
  public static Manifest manifestWithoutTables(long seed, long events) {
    return new Manifest(
        Manifest.FORMAT,
        Manifest.SCHEMA_VERSION,
        "test", 2,
        seed,
        JsonNodeFactory.instance.objectNode().put("seed", seed),
        java.util.List.of("lazy-fpu"),
        new Manifest.Run("COMPLETED", events, true),
        List.of(),
        new TreeMap<>());
  }

  /** Writes a trace holding {@code tables} (missing tables are empty) in Parquet plus {@code extra}. */
  public static Manifest writeTrace(
      Path target, Map<Table, ColumnBatch> tables, Set<TraceFormat> extra, WriterOptions options, int chunk)
      throws IOException {
    try (TraceWriter writer = TraceWriter.create(target, extra, options, false)) {
      for (Map.Entry<Table, ColumnBatch> entry : new EnumMap<>(tables).entrySet()) {
        writeInChunksOf(wrap(writer), entry.getValue(), chunk);
      }
      ColumnBatch events = tables.get(Table.EVENTS);
      return writer.finish(manifestWithoutTables(7, events == null ? 0 : events.size()));
    }
  }

  private static TableWriter wrap(TraceWriter writer) {
    return new TableWriter() {
      @Override
      public void write(ColumnBatch batch) throws IOException {
        writer.write(batch);
      }

      @Override
      public long rows() {
        throw new UnsupportedOperationException();
      }

      @Override
      public String sha256() {
        throw new UnsupportedOperationException();
      }

      @Override
      public long bytes() {
        throw new UnsupportedOperationException();
      }

      @Override
      public void close() {}
    };
  }

  /** Events whose seq counts 0, 1, 2, ... with plausible other columns: what {@link TraceReader} accepts. */
  public static ColumnBatch denseEvents(long seed, int rows) {
    SplittableRandom random = new SplittableRandom(seed);
    ColumnBatch batch = table(Table.EVENTS, rows);
    String[] kinds = {"TASK_SWITCH", "FPU_WRITE", "FPU_READ", "NM_RAISE", "IRQ"};
    long tick = 0;
    for (int seq = 0; seq < rows; seq++) {
      int row = batch.addRow();
      tick += random.nextInt(4);
      batch.set(Table.Events.SEQ, row, seq);
      batch.set(Table.Events.TICK, row, tick);
      batch.set(Table.Events.VCPU, row, random.nextInt(4));
      batch.set(Table.Events.TASK, row, random.nextInt(50) - 1);
      batch.setString(Table.Events.KIND, row, kinds[random.nextInt(kinds.length)]);
      batch.set(Table.Events.TS, row, random.nextInt(2));
      batch.set(Table.Events.FPU_OWNER, row, random.nextInt(51) - 1);
      batch.set(Table.Events.VALUE, row, random.nextLong());
      batch.set(Table.Events.AUX, row, random.nextInt(1000));
    }
    return batch;
  }

  /** Traps whose trap_id counts 0, 1, 2, ...; {@code nullRate} of them never delivered. */
  public static ColumnBatch denseTraps(long seed, int rows, double nullRate) {
    SplittableRandom random = new SplittableRandom(seed);
    ColumnBatch batch = table(Table.TRAPS, rows);
    String[] types = {"HW_EXCEPTION", "SW_EXCEPTION", "EXT_INTR", "NMI"};
    String[] outcomes = {"DELIVERED", "PENDING_AT_END", "DROPPED", "MERGED"};
    long seq = 0;
    for (int trap = 0; trap < rows; trap++) {
      int row = batch.addRow();
      seq += 1 + random.nextInt(100);
      batch.set(Table.Traps.TRAP_ID, row, trap);
      batch.set(Table.Traps.VECTOR, row, random.nextInt(256));
      batch.setString(Table.Traps.TYPE, row, types[random.nextInt(types.length)]);
      batch.setString(Table.Traps.SOURCE, row, random.nextBoolean() ? "cpu" : "lapic-" + random.nextInt(4));
      batch.set(Table.Traps.VCPU, row, random.nextInt(4));
      batch.set(Table.Traps.TASK, row, random.nextInt(50) - 1);
      batch.set(Table.Traps.RAISED_SEQ, row, seq);
      if (random.nextDouble() < nullRate) {
        batch.setNull(Table.Traps.DELIVERED_SEQ, row);
        batch.setString(Table.Traps.OUTCOME, row, "PENDING_AT_END");
      } else {
        batch.set(Table.Traps.DELIVERED_SEQ, row, seq + random.nextInt(10));
        batch.setString(Table.Traps.OUTCOME, row, outcomes[random.nextInt(outcomes.length)]);
      }
      if (random.nextBoolean()) {
        batch.setNull(Table.Traps.ERROR_CODE, row);
      } else {
        batch.set(Table.Traps.ERROR_CODE, row, random.nextInt(16));
      }
      batch.set(Table.Traps.INSN_LEN, row, random.nextInt(3));
    }
    return batch;
  }

  /** Choices with plausible values. */
  public static ColumnBatch choices(long seed, int rows) {
    SplittableRandom random = new SplittableRandom(seed);
    ColumnBatch batch = table(Table.CHOICES, rows);
    String[] points = {"timer.jitter", "irq.delay", "sched.pick", "fpu.lazy"};
    long seq = 0;
    for (int index = 0; index < rows; index++) {
      int row = batch.addRow();
      seq += random.nextInt(3);
      batch.set(Table.Choices.SEQ, row, seq);
      batch.setString(Table.Choices.POINT, row, points[random.nextInt(points.length)]);
      batch.set(Table.Choices.VCPU, row, random.nextInt(4));
      batch.set(Table.Choices.TASK, row, random.nextInt(20) - 1);
      batch.set(Table.Choices.ORDINAL, row, index / 4);
      batch.set(Table.Choices.VALUE, row, random.nextLong());
    }
    return batch;
  }

  /**
   * Asserts a user-facing failure: one line, naming {@code file}, and saying each of {@code words}
   * (case-insensitive).
   */
  public static void assertCleanMessage(TraceFormatException failure, Path file, String... words) {
    String message = failure.getMessage();
    assertFalse(message.contains("\n") || message.contains("\r"), () -> "message is not one line: " + message);
    assertTrue(message.contains(file.toString()), () -> "message does not name " + file + ": " + message);
    String lower = message.toLowerCase(Locale.ROOT);
    for (String word : words) {
      assertTrue(lower.contains(word.toLowerCase(Locale.ROOT)), () -> "message does not say '" + word + "': " + message);
    }
  }
}
