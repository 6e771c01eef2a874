package io.trapscope.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceRoundTripTest {
  private static final List<String> KINDS = List.of("TASK_SWITCH", "FPU_WRITE", "FPU_READ", "NM_RAISE");

  @TempDir Path temp;

  @Test
  void writtenTraceReadsBackEqualInParquetAndArrow() throws Exception {
    Path target = temp.resolve("t");
    int rows = 70_000;
    writeSynthetic(target, rows, Set.of(TraceFormat.ARROW), WriterOptions.defaults().withMetadata(Map.of()));
    TraceReader trace = TraceReader.open(target);
    assertEquals(rows, trace.manifest().rows(Table.EVENTS));
    for (TraceFormat format : TraceFormat.values()) {
      ColumnBatch expected = ColumnBatch.create(Table.EVENTS, rows);
      fillEvents(expected, rows);
      ColumnBatch actual = ColumnBatch.create(Table.EVENTS, 4096);
      int row = 0;
      try (TableReader reader = trace.openTable(Table.EVENTS, format)) {
        while (reader.next(actual)) {
          for (int index = 0; index < actual.size(); index++, row++) {
            for (int column = 0; column < Table.EVENTS.columns().size(); column++) {
              if (column == Table.Events.KIND) {
                assertEquals(expected.string(column, row), actual.string(column, index), format + " kind row " + row);
              } else {
                assertEquals(expected.get(column, row), actual.get(column, index), format + " column " + column + " row " + row);
              }
            }
          }
        }
      }
      assertEquals(rows, row, format.formatName());
    }
    ColumnBatch traps = ColumnBatch.create(Table.TRAPS, 16);
    try (TableReader reader = trace.openTable(Table.TRAPS)) {
      assertTrue(reader.next(traps));
      assertTrue(traps.isNull(Table.Traps.DELIVERED_SEQ, 1));
      assertFalse(traps.isNull(Table.Traps.DELIVERED_SEQ, 0));
      assertEquals(11, traps.get(Table.Traps.DELIVERED_SEQ, 0));
      assertEquals("DELIVERED", traps.string(Table.Traps.OUTCOME, 0));
    }
  }

  @Test
  void duckDbReadsEventsAndAgreesWithTheManifest() throws Exception {
    Path target = temp.resolve("t");
    int rows = 50_000;
    WriterOptions small = new WriterOptions(WriterOptions.Compression.ZSTD, 8192, Map.of());
    writeSynthetic(target, rows, Set.of(), small);
    Manifest manifest = TraceReader.open(target).manifest();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      String events = target.resolve("events.parquet").toString().replace("'", "''");
      try (ResultSet result =
          statement.executeQuery("SELECT count(*), min(seq), max(seq), count(DISTINCT seq) FROM '" + events + "'")) {
        assertTrue(result.next());
        assertEquals(manifest.rows(Table.EVENTS), result.getLong(1));
        assertEquals(0, result.getLong(2));
        assertEquals(rows - 1, result.getLong(3));
        assertEquals(rows, result.getLong(4));
      }
      Map<String, Long> counts = new TreeMap<>();
      try (ResultSet result = statement.executeQuery("SELECT kind, count(*) FROM '" + events + "' GROUP BY kind")) {
        while (result.next()) {
          counts.put(result.getString(1), result.getLong(2));
        }
      }
      assertEquals(manifest.eventKinds(), counts);
      try (ResultSet result =
          statement.executeQuery(
              "SELECT count(*) FROM parquet_metadata('" + events + "') WHERE compression <> 'ZSTD'")) {
        assertTrue(result.next());
        assertEquals(0, result.getLong(1));
      }
    }
  }

  @Test
  void sameInputGivesByteIdenticalFiles() throws Exception {
    writeSynthetic(temp.resolve("a"), 30_000, Set.of(TraceFormat.ARROW), WriterOptions.defaults());
    writeSynthetic(temp.resolve("b"), 30_000, Set.of(TraceFormat.ARROW), WriterOptions.defaults());
    for (String name : List.of("manifest.json", "events.parquet", "traps.parquet", "choices.parquet", "events.arrow")) {
      assertArrayEquals(
          Files.readAllBytes(temp.resolve("a").resolve(name)), Files.readAllBytes(temp.resolve("b").resolve(name)), name);
    }
  }

  @Test
  void existingTraceIsKeptWithoutReplaceAndReplacedWithIt() throws Exception {
    Path target = temp.resolve("t");
    writeSynthetic(target, 100, Set.of(), WriterOptions.defaults());
    TraceFormatException refused =
        assertThrows(TraceFormatException.class, () -> writeSynthetic(target, 200, Set.of(), WriterOptions.defaults()));
    assertTrue(refused.getMessage().contains("already exists"), refused.getMessage());
    assertEquals(100, TraceReader.open(target).manifest().rows(Table.EVENTS));
    assertFalse(Files.exists(temp.resolve(".t.partial")));
    writeSynthetic(target, 200, Set.of(), WriterOptions.defaults(), true);
    assertEquals(200, TraceReader.open(target).manifest().rows(Table.EVENTS));
  }

  @Test
  void directoryThatIsNotATraceIsNeverReplaced() throws Exception {
    Path target = temp.resolve("home");
    Files.createDirectories(target);
    Files.writeString(target.resolve("notes.txt"), "precious");
    TraceFormatException refused =
        assertThrows(
            TraceFormatException.class, () -> writeSynthetic(target, 10, Set.of(), WriterOptions.defaults(), true));
    assertTrue(refused.getMessage().contains("not a trace"), refused.getMessage());
    assertEquals("precious", Files.readString(target.resolve("notes.txt")));
  }

  @Test
  void abortedWriteLeavesNothingThatLooksLikeATrace() throws Exception {
    Path target = temp.resolve("t");
    TraceWriter writer = TraceWriter.create(target, Set.of(), WriterOptions.defaults(), false);
    ColumnBatch events = ColumnBatch.create(Table.EVENTS, 10);
    fillEvents(events, 10);
    writer.write(events);
    assertTrue(Files.isDirectory(temp.resolve(".t.partial")));
    assertFalse(Files.exists(target));
    writer.abort();
    assertFalse(Files.exists(temp.resolve(".t.partial")));
    assertFalse(Files.exists(target));
  }

  static void writeSynthetic(Path target, int rows, Set<TraceFormat> extra, WriterOptions options) throws IOException {
    writeSynthetic(target, rows, extra, options, false);
  }

  static void writeSynthetic(Path target, int rows, Set<TraceFormat> extra, WriterOptions options, boolean replace)
      throws IOException {
    try (TraceWriter writer = TraceWriter.create(target, extra, options, replace)) {
      ColumnBatch events = ColumnBatch.create(Table.EVENTS, 1000);
      ColumnBatch all = ColumnBatch.create(Table.EVENTS, rows);
      fillEvents(all, rows);
      TreeMap<String, Long> kinds = new TreeMap<>();
      for (int start = 0; start < rows; start += events.capacity()) {
        events.clear();
        for (int row = start; row < Math.min(rows, start + events.capacity()); row++) {
          int target2 = events.addRow();
          for (int column = 0; column < Table.EVENTS.columns().size(); column++) {
            if (column == Table.Events.KIND) {
              events.setString(column, target2, all.string(column, row));
            } else {
              events.set(column, target2, all.get(column, row));
            }
          }
          kinds.merge(all.string(Table.Events.KIND, row), 1L, Long::sum);
        }
        writer.write(events);
      }
      ColumnBatch traps = ColumnBatch.create(Table.TRAPS, 4);
      for (int trap = 0; trap < 2; trap++) {
        int row = traps.addRow();
        traps.set(Table.Traps.TRAP_ID, row, trap);
        traps.set(Table.Traps.VECTOR, row, 7);
        traps.setString(Table.Traps.TYPE, row, "HW_EXCEPTION");
        traps.setString(Table.Traps.SOURCE, row, "cpu");
        traps.set(Table.Traps.RAISED_SEQ, row, 10 + trap);
        if (trap == 0) {
          traps.set(Table.Traps.DELIVERED_SEQ, row, 11);
        } else {
          traps.setNull(Table.Traps.DELIVERED_SEQ, row);
        }
        traps.setString(Table.Traps.OUTCOME, row, trap == 0 ? "DELIVERED" : "PENDING_AT_END");
      }
      writer.write(traps);
      writer.finish(
          new Manifest(
              Manifest.FORMAT,
              Manifest.SCHEMA_VERSION,
              "test", 2,
              7,
              JsonNodeFactory.instance.objectNode().put("seed", 7),
              java.util.List.of("lazy-fpu"),
              new Manifest.Run("COMPLETED", rows, true),
              List.of(),
              kinds));
    }
  }

  static void fillEvents(ColumnBatch batch, int rows) {
    SplittableRandom random = new SplittableRandom(1);
    batch.clear();
    for (int seq = 0; seq < rows; seq++) {
      int row = batch.addRow();
      batch.set(Table.Events.SEQ, row, seq);
      batch.set(Table.Events.TICK, row, seq / 3);
      batch.set(Table.Events.VCPU, row, random.nextInt(2));
      batch.set(Table.Events.TASK, row, random.nextInt(20) - 1);
      batch.setString(Table.Events.KIND, row, KINDS.get(random.nextInt(KINDS.size())));
      batch.set(Table.Events.TS, row, random.nextInt(2));
      batch.set(Table.Events.FPU_OWNER, row, random.nextInt(5) - 1);
      batch.set(Table.Events.VALUE, row, random.nextLong(1_000_000));
      batch.set(Table.Events.AUX, row, random.nextInt(3));
    }
  }
}
