package io.trapscope.formats;

import static io.trapscope.formats.TestData.assertCleanMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** A manifest value of the wrong JSON type, or null where a value is required, is refused in one line naming the field. */
class StrictManifestTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private Path trace;
  private Path manifest;
  private byte[] original;

  @BeforeEach
  void writeTrace() throws IOException {
    trace = temp.resolve("trace");
    manifest = trace.resolve(Manifest.FILE_NAME);
    TestData.writeTrace(
        trace,
        Map.of(Table.EVENTS, TestData.denseEvents(1, 100), Table.TRAPS, TestData.denseTraps(2, 10, 0.5)),
        Set.of(),
        WriterOptions.defaults(),
        100);
    original = Files.readAllBytes(manifest);
    TraceReader.open(trace);
  }

  @Test
  void aStringWhereANumberBelongsIsRefused() throws IOException {
    refused(root -> root.put("seed", "7"), "seed");
    refused(root -> table(root).put("rows", "100"), "tables[0].rows");
    refused(root -> root.put("schemaVersion", "2"), "schemaVersion");
    refused(root -> root.put("modelVersion", "2"), "modelVersion");
    refused(root -> ((ObjectNode) root.get("run")).put("workloadFinished", "true"), "run.workloadFinished");
  }

  @Test
  void aNumberWhereAStringBelongsIsRefused() throws IOException {
    refused(root -> root.put("toolVersion", 1), "toolVersion");
    refused(root -> ((ObjectNode) root.get("run")).put("endReason", 1), "run.endReason");
    refused(root -> table(root).put("name", 1), "tables[0].name");
    refused(root -> ((ObjectNode) root.get("run")).put("workloadFinished", 1), "run.workloadFinished");
  }

  @Test
  void aFractionWhereAnIntegerBelongsIsRefused() throws IOException {
    refused(root -> root.put("seed", 1.5), "seed");
    refused(root -> root.put("schemaVersion", 2.5), "schemaVersion");
    refused(root -> root.put("schemaVersion", 2.0), "schemaVersion");
    refused(root -> ((ObjectNode) root.get("run")).put("ticks", 10.5), "run.ticks");
  }

  @Test
  void schemaVersionOneIsRefusedNamingTheVersionRead() throws IOException {
    refused(root -> root.put("schemaVersion", 1), "schemaVersion", "1 is not read", "reads schema version " + Manifest.SCHEMA_VERSION);
    refused(root -> root.put("schemaVersion", 0), "schemaVersion", "0 is not read");
    refused(root -> root.put("schemaVersion", -2), "schemaVersion", "-2 is not read");
  }

  @Test
  void nullWhereAValueIsRequiredIsRefused() throws IOException {
    for (String field : new String[] {"scenario", "run", "tables", "eventKinds", "seed", "format", "toolVersion", "schemaVersion"}) {
      refused(root -> root.putNull(field), field, "null");
    }
    refused(root -> ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("tables")).set(1, JSON.nullNode()), "tables[1]", "null");
    refused(root -> table(root).putNull("files"), "tables[0].files", "null");
    refused(root -> ((ObjectNode) table(root).get("files").get(0)).putNull("sha256"), "tables[0].files[0].sha256", "null");
    refused(root -> ((ObjectNode) root.get("run")).putNull("endReason"), "run.endReason", "null");
    refused(root -> ((ObjectNode) root.get("scenario")).putNull("seed"), "scenario.seed", "null");
  }

  @Test
  void aScenarioThatIsNotAnObjectIsRefused() throws IOException {
    refused(root -> root.put("scenario", 1), "scenario", "expected an object");
    refused(root -> root.putArray("scenario"), "scenario", "expected an object");
  }

  @Test
  void theOptionalFieldsMayBeNull() throws IOException {
    edit(root -> root.putNull("families").putNull("modelVersion"));
    assertEquals(1, TraceReader.open(trace).manifest().modelVersionOrFirst());
  }

  @Test
  void aManifestThatIsNotAnObjectIsRefused() throws IOException {
    for (String text : new String[] {"null", "1", "\"manifest\"", "[]", "true"}) {
      Files.writeString(manifest, text);
      assertCleanMessage(failure(), manifest, "expected a JSON object");
    }
  }

  @Test
  void aDataFileSizeAboveTheBoundIsRefusedBeforeHashing() throws IOException {
    refused(
        root -> ((ObjectNode) table(root).get("files").get(0)).put("bytes", ManifestCodec.DATA_FILE_BYTES_MAX + 1),
        "tables.events.files",
        "more than " + ManifestCodec.DATA_FILE_BYTES_MAX);
  }

  private void refused(Consumer<ObjectNode> change, String... words) throws IOException {
    edit(change);
    assertCleanMessage(failure(), manifest, words);
    Files.write(manifest, original);
  }

  private TraceFormatException failure() {
    return assertThrows(TraceFormatException.class, () -> TraceReader.open(trace));
  }

  private void edit(Consumer<ObjectNode> change) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(original);
    change.accept(root);
    Files.write(manifest, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode table(ObjectNode root) {
    for (JsonNode entry : root.get("tables")) {
      if (entry.get("name").asText().equals("events")) {
        return (ObjectNode) entry;
      }
    }
    throw new AssertionError("no events table");
  }
}
