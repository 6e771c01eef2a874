package io.trapscope.formats;

import static io.trapscope.formats.TestData.assertCleanMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A hostile or damaged manifest.json fails {@link TraceReader#open} with a one-line message naming it and the problem. */
class ManifestValidationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private Path trace;
  private Path manifest;

  @BeforeEach
  void writeTrace() throws IOException {
    trace = temp.resolve("trace");
    manifest = trace.resolve(Manifest.FILE_NAME);
    TestData.writeTrace(
        trace,
        Map.of(Table.EVENTS, TestData.denseEvents(1, 1000), Table.TRAPS, TestData.denseTraps(2, 10, 0.5)),
        Set.of(TraceFormat.ARROW),
        WriterOptions.defaults(),
        100);
    TraceReader.open(trace);
  }

  @Test
  void malformedJsonSaysWhere() throws IOException {
    String text = Files.readString(manifest);
    Files.writeString(manifest, text.substring(0, text.length() / 2));
    assertCleanMessage(failure(), manifest, "end-of-input");
    Files.writeString(manifest, "not json at all");
    assertCleanMessage(failure(), manifest, "malformed JSON at line 1");
    Files.writeString(manifest, text + "{}");
    assertCleanMessage(failure(), manifest);
  }

  @Test
  void missingOrEmptyManifestFails() throws IOException {
    Files.writeString(manifest, "");
    assertCleanMessage(failure(), manifest);
    Files.delete(manifest);
    assertCleanMessage(failure(), manifest, "missing");
  }

  @Test
  void unknownFieldsAreRejectedWherever() throws IOException {
    edit(root -> root.put("surprise", 1));
    assertCleanMessage(failure(), manifest, "surprise", "unknown field");
    restore();
    edit(root -> file(root, "events", "parquet").put("compressed", true));
    assertCleanMessage(failure(), manifest, "compressed", "unknown field");
  }

  @ParameterizedTest(name = "path {0}")
  @ValueSource(strings = {"../events.parquet", "/etc/passwd", "events.parquet/../x", "./events.parquet", "sub/events.parquet", "traps.parquet", "events.parquet\u0000", ""})
  void pathsOtherThanTheTablesOwnNameAreRejected(String path) throws IOException {
    edit(root -> file(root, "events", "parquet").put("path", path));
    assertCleanMessage(failure(), manifest, "path", "must be 'events.parquet'");
  }

  @Test
  void pathWithALineBreakStillGivesAOneLineMessage() throws IOException {
    edit(root -> file(root, "events", "parquet").put("path", "events.parquet\n/etc/passwd: fine"));
    assertCleanMessage(failure(), manifest, "must be 'events.parquet'");
  }

  @Test
  void fieldNamesAndValuesWithLineBreaksStillGiveOneLineMessages() throws IOException {
    edit(root -> root.put("format", "trapscope-trace\r\nok"));
    assertCleanMessage(failure(), manifest, "format");
    restore();
    edit(root -> root.put("bad\nfield", 1));
    assertCleanMessage(failure(), manifest, "unknown field");
    restore();
    edit(root -> file(root, "events", "arrow").put("format", "orc\n"));
    assertCleanMessage(failure(), manifest, "unknown format");
  }

  @Test
  void missingTableIsRejected() throws IOException {
    edit(root -> ((ArrayNode) root.get("tables")).remove(2));
    assertCleanMessage(failure(), manifest, "no entry for 'choices'");
  }

  @Test
  void duplicatedTableIsRejected() throws IOException {
    edit(root -> ((ArrayNode) root.get("tables")).add(root.get("tables").get(0).deepCopy()));
    assertCleanMessage(failure(), manifest, "expected exactly");
  }

  @Test
  void negativeRowCountIsRejected() throws IOException {
    edit(root -> table(root, "traps").put("rows", -1));
    assertCleanMessage(failure(), manifest, "tables.traps.rows is negative");
  }

  @Test
  void negativeFileSizeIsRejected() throws IOException {
    edit(root -> file(root, "choices", "parquet").put("bytes", -5));
    assertCleanMessage(failure(), manifest, "negative size");
  }

  @Test
  void wrongTypesAreRejected() throws IOException {
    edit(root -> table(root, "events").put("rows", "many"));
    assertCleanMessage(failure(), manifest, "tables[0].rows", "wrong type");
    restore();
    edit(root -> root.remove("seed"));
    assertCleanMessage(failure(), manifest, "seed");
  }

  @Test
  void newerSchemaVersionAsksForAnUpgrade() throws IOException {
    edit(root -> root.put("schemaVersion", Manifest.SCHEMA_VERSION + 1));
    assertCleanMessage(failure(), manifest, "schema version " + (Manifest.SCHEMA_VERSION + 1), "newer", "upgrade");
    restore();
    edit(root -> root.put("schemaVersion", 0));
    assertCleanMessage(failure(), manifest, "schemaVersion: 0 is not read");
  }

  @Test
  void otherFormatIsRejected() throws IOException {
    edit(root -> root.put("format", "something-else"));
    assertCleanMessage(failure(), manifest, "format is 'something-else'");
  }

  @ParameterizedTest(name = "sha256 {0}")
  @ValueSource(strings = {"", "abc", "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", "g000000000000000000000000000000000000000000000000000000000000000", "00000000000000000000000000000000000000000000000000000000000000000"})
  void malformedChecksumIsRejected(String sha256) throws IOException {
    edit(root -> file(root, "traps", "arrow").put("sha256", sha256));
    assertCleanMessage(failure(), manifest, "traps.arrow", "no valid sha256");
  }

  @Test
  void nullChecksumIsRejected() throws IOException {
    edit(root -> file(root, "traps", "parquet").putNull("sha256"));
    assertCleanMessage(failure(), manifest, "sha256", "null where a value is required");
  }

  @Test
  void deeplyNestedScenarioIsRejectedNotOverflowed() throws IOException {
    String text = Files.readString(manifest);
    String nested = "[".repeat(5000) + "]".repeat(5000);
    Files.writeString(manifest, text.replaceFirst("\"scenario\" : \\{[^}]*\\}", "\"scenario\" : " + nested));
    assertCleanMessage(failure(), manifest);
  }

  @Test
  void oversizedManifestIsRejectedBeforeParsing() throws IOException {
    byte[] big = new byte[(int) ManifestCodec.MANIFEST_BYTES_MAX + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    Files.write(manifest, big);
    assertCleanMessage(failure(), manifest, "more than " + ManifestCodec.MANIFEST_BYTES_MAX + " allowed");
  }

  @Test
  void missingDataFileIsNamed() throws IOException {
    Files.delete(trace.resolve("choices.arrow"));
    TraceFormatException failure = failure();
    assertCleanMessage(failure, trace.resolve("choices.arrow"), "missing");
    assertEquals(trace.resolve("choices.arrow"), failure.file());
  }

  @Test
  void fileWhereTheTraceShouldBeIsRefused() throws IOException {
    Path file = temp.resolve("plain.txt");
    Files.writeString(file, "hello");
    TraceFormatException failure = assertThrows(TraceFormatException.class, () -> TraceReader.open(file));
    assertCleanMessage(failure, file, "is a file");
    Path nowhere = temp.resolve("nowhere");
    assertCleanMessage(assertThrows(TraceFormatException.class, () -> TraceReader.open(nowhere)), nowhere, "no such trace");
  }

  private TraceFormatException failure() {
    return assertThrows(TraceFormatException.class, () -> TraceReader.open(trace));
  }

  private byte[] original;

  private void edit(Consumer<ObjectNode> change) throws IOException {
    if (original == null) {
      original = Files.readAllBytes(manifest);
    }
    ObjectNode root = (ObjectNode) JSON.readTree(original);
    change.accept(root);
    Files.write(manifest, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
  }

  private void restore() throws IOException {
    Files.write(manifest, original);
  }

  private static ObjectNode table(ObjectNode root, String name) {
    for (JsonNode entry : root.get("tables")) {
      if (entry.get("name").asText().equals(name)) {
        return (ObjectNode) entry;
      }
    }
    throw new AssertionError("no table " + name);
  }

  private static ObjectNode file(ObjectNode root, String table, String format) {
    for (JsonNode entry : table(root, table).get("files")) {
      if (entry.get("format").asText().equals(format)) {
        return (ObjectNode) entry;
      }
    }
    throw new AssertionError("no " + format + " file for " + table);
  }
}
