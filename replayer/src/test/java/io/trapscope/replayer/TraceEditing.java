package io.trapscope.replayer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.Manifest;
import io.trapscope.formats.ManifestCodec;
import io.trapscope.formats.Table;
import io.trapscope.formats.TableReader;
import io.trapscope.formats.TableWriter;
import io.trapscope.formats.TraceFormat;
import io.trapscope.formats.TraceReader;
import io.trapscope.formats.WriterOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Edits a recorded trace as a careless or hostile sender might, keeping its manifest consistent. */
final class TraceEditing {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TraceEditing() {}

  /** Rewrites the manifest's scenario and nothing else (the manifest carries no checksum of itself). */
  static void editScenario(Path trace, UnaryOperator<ObjectNode> edit) throws IOException {
    Path path = trace.resolve(Manifest.FILE_NAME);
    ObjectNode manifest = (ObjectNode) MAPPER.readTree(path.toFile());
    manifest.set("scenario", edit.apply((ObjectNode) manifest.get("scenario").deepCopy()));
    Files.write(path, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
  }

  /** Keeps the rows of {@code table} with index in {@code [0, keep)}, and updates rows, size and checksum. */
  static void truncateTable(Path trace, Table table, long keep) throws IOException {
    rewriteTable(trace, table, rows -> rows.subList(0, (int) Math.min(keep, rows.size())));
  }

  /** Replaces {@code table}'s Parquet file with the rows {@code edit} returns, and updates the manifest to match. */
  static void rewriteTable(Path trace, Table table, UnaryOperator<List<long[]>> edit) throws IOException {
    TraceReader reader = TraceReader.open(trace, false);
    List<long[]> rows = new ArrayList<>();
    ColumnBatch batch = ColumnBatch.create(table, 4096);
    try (TableReader tableReader = reader.openTable(table)) {
      while (tableReader.next(batch)) {
        for (int row = 0; row < batch.size(); row++) {
          long[] values = new long[table.columns().size()];
          for (int column = 0; column < values.length; column++) {
            values[column] = batch.get(column, row);
          }
          rows.add(values);
        }
      }
    }
    List<long[]> edited = edit.apply(rows);
    Path file = trace.resolve(TraceFormat.PARQUET.fileName(table));
    Files.delete(file);
    ColumnBatch out = new ColumnBatch(table, Math.max(1, edited.size()), dictionariesOf(batch, table));
    for (long[] values : edited) {
      int row = out.addRow();
      for (int column = 0; column < values.length; column++) {
        out.set(column, row, values[column]);
      }
    }
    TableWriter writer = TraceFormat.PARQUET.newWriter(file, table, WriterOptions.defaults(), null);
    writer.write(out);
    writer.close();
    Path manifestPath = trace.resolve(Manifest.FILE_NAME);
    ObjectNode manifest = (ObjectNode) MAPPER.readTree(manifestPath.toFile());
    for (JsonNode entry : manifest.get("tables")) {
      if (entry.get("name").asText().equals(table.tableName())) {
        ((ObjectNode) entry).put("rows", edited.size());
        for (JsonNode fileEntry : entry.get("files")) {
          if (fileEntry.get("format").asText().equals("parquet")) {
            ((ObjectNode) fileEntry).put("bytes", Files.size(file));
            ((ObjectNode) fileEntry).put("sha256", TraceReader.sha256(file));
          }
        }
      }
    }
    Files.write(manifestPath, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    ManifestCodec.read(trace);
  }

  private static io.trapscope.formats.StringDictionary[] dictionariesOf(ColumnBatch batch, Table table) {
    io.trapscope.formats.StringDictionary[] dictionaries = new io.trapscope.formats.StringDictionary[table.columns().size()];
    for (int column = 0; column < dictionaries.length; column++) {
      dictionaries[column] = batch.dictionary(column);
    }
    return dictionaries;
  }
}
