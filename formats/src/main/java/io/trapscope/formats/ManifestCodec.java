package io.trapscope.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and writes {@code manifest.json}, checking everything a hostile manifest could get wrong. */
public final class ManifestCodec {
  /** A manifest is a few kilobytes: its scenario and a dozen file entries. */
  public static final long MANIFEST_BYTES_MAX = 4L << 20;
  /**
   * A data file's largest size: far above any recording's (a billion events compress to a few GiB), yet a
   * bound on what a hostile manifest can make us hash.
   */
  public static final long DATA_FILE_BYTES_MAX = 16L << 30;
  /** Directory entries looked at for {@link #tracesInside}, and traces named. */
  private static final int TRACES_LISTED_ENTRIES_MAX = 1000;
  private static final int TRACES_LISTED_MAX = 5;

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern FAMILY = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final String FAMILIES = "families";
  private static final String MODEL_VERSION = "modelVersion";
  /** More families than trapscope will ever have; bounds what a hostile manifest can make us hold. */
  private static final int FAMILIES_MAX = 64;

  private static final ObjectMapper MAPPER = newMapper();

  private ManifestCodec() {}

  private static ObjectMapper newMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    refuseCoercions(mapper);
    mapper
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    return mapper;
  }

  /**
   * Makes every JSON type stand for itself: without this Jackson reads {@code "2"} as the number 2, {@code 2} as
   * the string "2" and {@code true} as "true", so a damaged manifest would be read as something it does not say.
   */
  private static void refuseCoercions(JsonMapper mapper) {
    refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
    refuse(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Float, CoercionInputShape.Boolean);
    // An integer is a number, so 1 stays a valid probability; a string or true is not.
    refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Boolean);
    refuse(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Integer, CoercionInputShape.Float);
    // An enum's ordinal is no name: 1 is not "xen-hvm".
    refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.EmptyString);
  }

  private static void refuse(JsonMapper mapper, LogicalType type, CoercionInputShape... shapes) {
    for (CoercionInputShape shape : shapes) {
      mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
    }
  }

  /** The manifest as the bytes written to disk: two-space indentation and a final newline. */
  public static byte[] toBytes(Manifest manifest) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter();
    printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    printer.indentObjectsWith(new DefaultIndenter("  ", "\n"));
    try {
      String json = MAPPER.writer(printer).writeValueAsString(manifest);
      return (json + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a manifest always serialises", e);
    }
  }

  /**
   * The first few subdirectories of {@code directory} that hold a manifest, sorted, and "..." if there are
   * more: for a user who named the folder of their traces instead of one of them. The listing is bounded,
   * as the folder may be huge.
   */
  static List<String> tracesInside(Path directory) {
    List<String> traces = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return traces;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      int seen = 0;
      for (Path entry : entries) {
        if (++seen > TRACES_LISTED_ENTRIES_MAX) {
          break;
        }
        if (Files.isRegularFile(entry.resolve(Manifest.FILE_NAME))) {
          traces.add(directory.resolve(entry.getFileName()).toString());
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    traces.sort(null);
    if (traces.size() > TRACES_LISTED_MAX) {
      traces = new ArrayList<>(traces.subList(0, TRACES_LISTED_MAX));
      traces.add("...");
    }
    return traces;
  }

  /**
   * Refuses a writer's partial directory: a run killed after writing its manifest and before renaming the
   * directory leaves one whose files all check, yet its recording never finished committing.
   */
  private static void refuseUnfinished(Path directory) {
    Path name = directory.toAbsolutePath().normalize().getFileName();
    if (name != null && name.toString().startsWith(".") && name.toString().endsWith(TraceWriter.PARTIAL_SUFFIX)) {
      throw new TraceFormatException(
          directory, "an unfinished recording (a writer's " + TraceWriter.PARTIAL_SUFFIX
              + " directory), not a trace; record again to the same target to clear it");
    }
  }

  /** Reads and checks {@code directory/manifest.json}. */
  public static Manifest read(Path directory) {
    refuseUnfinished(directory);
    Path path = directory.resolve(Manifest.FILE_NAME);
    byte[] bytes;
    try {
      String refusal = InputFiles.refusal(path, MANIFEST_BYTES_MAX);
      if (refusal != null) {
        throw new TraceFormatException(path, refusal);
      }
      bytes = InputFiles.readBounded(path, MANIFEST_BYTES_MAX);
      if (bytes == null) {
        throw new TraceFormatException(path, "grew past " + MANIFEST_BYTES_MAX + " bytes while read");
      }
    } catch (NoSuchFileException e) {
      List<String> inside = tracesInside(directory);
      String hint =
          inside.isEmpty()
              ? " (a run that was stopped leaves none)"
              : "; it holds " + (inside.size() == 1 ? "the trace " : "traces: ") + String.join(", ", inside);
      throw new TraceFormatException(path, "missing: " + directory + " is not a complete trace" + hint, e);
    } catch (IOException e) {
      throw new TraceFormatException(path, "cannot read: " + e.getMessage(), e);
    }
    Manifest manifest;
    try {
      JsonNode tree = MAPPER.readTree(bytes);
      if (!(tree instanceof ObjectNode object)) {
        throw new TraceFormatException(path, "not a manifest: expected a JSON object");
      }
      refuseNulls(path, object, "");
      if (object.has("scenario") && !object.get("scenario").isObject()) {
        throw new TraceFormatException(path, "scenario: expected an object");
      }
      if (!object.has(FAMILIES)) {
        // Manifests written before the recorder declared its families; the analyzer derives them instead.
        object.putNull(FAMILIES);
      }
      if (!object.has(MODEL_VERSION)) {
        object.putNull(MODEL_VERSION);
      }
      manifest = MAPPER.treeToValue(object, Manifest.class);
    } catch (JsonMappingException e) {
      throw new TraceFormatException(path, describeMapping(e), e);
    } catch (JsonProcessingException e) {
      throw new TraceFormatException(path, malformed(e), e);
    } catch (IOException e) {
      throw new TraceFormatException(path, "cannot read: " + e.getMessage(), e);
    }
    check(path, manifest);
    return manifest;
  }

  /**
   * Refuses a JSON null anywhere but in the two optional fields: Jackson would bind it as a missing value, and
   * a missing run or table entry is a crash later rather than a message now.
   */
  private static void refuseNulls(Path path, JsonNode node, String where) {
    if (node.isNull()) {
      throw new TraceFormatException(path, where + ": null where a value is required");
    }
    if (node.isObject()) {
      for (var fields = node.fields(); fields.hasNext(); ) {
        var field = fields.next();
        boolean optional = where.isEmpty() && (field.getKey().equals(FAMILIES) || field.getKey().equals(MODEL_VERSION));
        if (!(optional && field.getValue().isNull())) {
          refuseNulls(path, field.getValue(), where.isEmpty() ? field.getKey() : where + "." + field.getKey());
        }
      }
    } else if (node.isArray()) {
      for (int index = 0; index < node.size(); index++) {
        refuseNulls(path, node.get(index), where + "[" + index + "]");
      }
    }
  }

  private static void check(Path path, Manifest manifest) {
    if (!Manifest.FORMAT.equals(manifest.format())) {
      throw new TraceFormatException(path, "format is '" + manifest.format() + "', expected '" + Manifest.FORMAT + "'");
    }
    if (manifest.schemaVersion() > Manifest.SCHEMA_VERSION) {
      throw new TraceFormatException(
          path,
          "schema version " + manifest.schemaVersion() + " is newer than this trapscope reads ("
              + Manifest.SCHEMA_VERSION + "); upgrade trapscope");
    }
    if (manifest.schemaVersion() != Manifest.SCHEMA_VERSION) {
      // Version 1 lacked columns the analyzer reads (docs/TRACE_FORMAT.md): reading it would misreport.
      throw new TraceFormatException(
          path,
          "schemaVersion: " + manifest.schemaVersion() + " is not read; this trapscope reads schema version "
              + Manifest.SCHEMA_VERSION + " only");
    }
    if (manifest.modelVersion() != null && manifest.modelVersion() < 1) {
      throw new TraceFormatException(path, "modelVersion " + manifest.modelVersion() + " is not valid");
    }
    if (manifest.families() != null) {
      if (manifest.families().size() > FAMILIES_MAX) {
        throw new TraceFormatException(path, "families: more than " + FAMILIES_MAX);
      }
      for (String family : manifest.families()) {
        if (family == null || !FAMILY.matcher(family).matches()) {
          throw new TraceFormatException(path, "families: '" + family + "' is not a family id");
        }
      }
    }
    Set<String> seenPaths = new HashSet<>();
    for (Table table : Table.traceTables()) {
      Manifest.TableEntry entry = manifest.table(table);
      if (entry == null) {
        throw new TraceFormatException(path, "tables: no entry for '" + table.tableName() + "'");
      }
      if (entry.rows() < 0) {
        throw new TraceFormatException(path, "tables." + table.tableName() + ".rows is negative");
      }
      if (entry.files().stream().noneMatch(file -> TraceFormat.PARQUET.formatName().equals(file.format()))) {
        throw new TraceFormatException(path, "tables." + table.tableName() + ": no parquet file listed");
      }
      for (Manifest.FileEntry file : entry.files()) {
        TraceFormat format = TraceFormat.byName(file.format());
        String where = "tables." + table.tableName() + ".files";
        if (format == null) {
          throw new TraceFormatException(path, where + ": unknown format '" + file.format() + "'");
        }
        // The only names a trace may hold: this is what keeps "../" and absolute paths out.
        if (!format.fileName(table).equals(file.path())) {
          throw new TraceFormatException(
              path, where + ": path '" + file.path() + "' must be '" + format.fileName(table) + "'");
        }
        if (!seenPaths.add(file.path())) {
          throw new TraceFormatException(path, where + ": '" + file.path() + "' listed twice");
        }
        if (file.bytes() < 0) {
          throw new TraceFormatException(path, where + ": negative size for '" + file.path() + "'");
        }
        if (file.bytes() > DATA_FILE_BYTES_MAX) {
          throw new TraceFormatException(
              path, where + ": '" + file.path() + "' of " + file.bytes() + " bytes, more than " + DATA_FILE_BYTES_MAX + " allowed");
        }
        if (file.sha256() == null || !SHA256.matcher(file.sha256()).matches()) {
          throw new TraceFormatException(path, where + ": '" + file.path() + "' has no valid sha256");
        }
      }
    }
    if (manifest.tables().size() != Table.traceTables().size()) {
      throw new TraceFormatException(path, "tables: expected exactly events, traps and choices");
    }
    for (java.util.Map.Entry<String, Long> kind : manifest.eventKinds().entrySet()) {
      if (kind.getValue() == null || kind.getValue() <= 0) {
        throw new TraceFormatException(path, "eventKinds." + kind.getKey() + ": a count of events must be positive");
      }
    }
  }

  private static String describeMapping(JsonMappingException e) {
    StringBuilder where = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (where.length() > 0) {
          where.append('.');
        }
        where.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        where.append('[').append(reference.getIndex()).append(']');
      }
    }
    String detail = firstLine(e.getOriginalMessage());
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
      detail = "unknown field";
    } else if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException) {
      detail = "missing or wrong type";
    }
    return (where.length() == 0 ? "" : where + ": ") + detail;
  }

  /** "malformed JSON at line 3, column 7: ..." for a parse error. */
  public static String malformed(JsonProcessingException e) {
    String where =
        e.getLocation() == null
            ? ""
            : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    return "malformed JSON" + where + ": " + firstLine(e.getOriginalMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
