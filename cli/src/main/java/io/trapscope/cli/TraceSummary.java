package io.trapscope.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.CopyComparison;
import io.trapscope.formats.Manifest;
import io.trapscope.formats.Table;
import io.trapscope.formats.TableReader;
import io.trapscope.formats.TraceFormat;
import io.trapscope.formats.TraceFormatException;
import io.trapscope.formats.TraceReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** What {@code trapscope inspect} shows, built from the manifest and the files' footers. */
@JsonPropertyOrder({"trace", "description", "seed", "machine", "workload", "introspection", "run", "toolVersion", "schemaVersion", "checksumsVerified", "events", "eventKinds", "files", "bytesPerEvent"})
record TraceSummary(
    String trace,
    String description,
    long seed,
    JsonNode machine,
    JsonNode workload,
    JsonNode introspection,
    Manifest.Run run,
    String toolVersion,
    int schemaVersion,
    boolean checksumsVerified,
    long events,
    List<KindCount> eventKinds,
    List<FileSummary> files,
    double bytesPerEvent) {

  record KindCount(String kind, long count) {}

  record FileSummary(String path, String table, String format, long rows, long bytes, double bytesPerRow) {}

  /** Opens, verifies and summarises the trace at {@code reader}'s directory. */
  static TraceSummary of(TraceReader reader) {
    Manifest manifest = reader.manifest();
    List<FileSummary> files = new ArrayList<>();
    double bytesPerEvent = 0;
    for (Table table : Table.traceTables()) {
      for (Manifest.FileEntry file : manifest.table(table).files()) {
        TraceFormat format = TraceFormat.byName(file.format());
        if (format != TraceFormat.PARQUET) {
          CopyComparison.requireSameRows(reader, table, format);
        }
        try (TableReader tableReader = reader.openTable(table, format)) {
          long rows = tableReader.rows();
          if (format == TraceFormat.PARQUET) {
            requireEveryPage(reader, table, tableReader, rows);
          }
          double perRow = rows == 0 ? 0 : (double) file.bytes() / rows;
          files.add(new FileSummary(file.path(), table.tableName(), file.format(), rows, file.bytes(), round(perRow)));
          if (table == Table.EVENTS && format == TraceFormat.PARQUET) {
            bytesPerEvent = round(perRow);
          }
        }
      }
    }
    long counted = 0;
    for (long count : manifest.eventKinds().values()) {
      counted = Math.addExact(counted, count);
    }
    // The counts must add up to the events table, or a kind was added, dropped or changed by hand.
    if (counted != manifest.rows(Table.EVENTS)) {
      throw new TraceFormatException(
          reader.directory().resolve(Manifest.FILE_NAME),
          "eventKinds count " + counted + " events, tables.events.rows " + manifest.rows(Table.EVENTS) + " (edited or damaged?)");
    }
    List<KindCount> kinds = new ArrayList<>();
    for (Map.Entry<String, Long> entry : manifest.eventKinds().entrySet()) {
      kinds.add(new KindCount(entry.getKey(), entry.getValue()));
    }
    kinds.sort(Comparator.comparingLong(KindCount::count).reversed().thenComparing(KindCount::kind));
    JsonNode scenario = manifest.scenario();
    return new TraceSummary(
        reader.directory().toString(),
        scenario.path("description").asText(""),
        manifest.seed(),
        scenario.path("machine"),
        scenario.path("workload"),
        scenario.path("introspection"),
        manifest.run(),
        manifest.toolVersion(),
        manifest.schemaVersion(),
        true,
        manifest.rows(Table.EVENTS),
        kinds,
        files,
        bytesPerEvent);
  }

  /** Decodes every page, so that damage under a recomputed checksum is caught by the one command that verifies. */
  private static void requireEveryPage(TraceReader reader, Table table, TableReader tableReader, long rows) {
    ColumnBatch batch = ColumnBatch.create(table, ColumnBatch.CAPACITY_DEFAULT);
    long decoded = 0;
    while (tableReader.next(batch)) {
      decoded += batch.size();
    }
    if (decoded != rows) {
      throw new TraceFormatException(reader.file(table, TraceFormat.PARQUET), "decodes to " + decoded + " rows, but its footer says " + rows);
    }
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
