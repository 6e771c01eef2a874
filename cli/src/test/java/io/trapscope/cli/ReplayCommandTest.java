package io.trapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trapscope replay}: identical, diverged, counterfactual, and damaged traces. */
class ReplayCommandTest {
  @TempDir Path temp;
  private Path trace;

  @BeforeEach
  void record() {
    trace = temp.resolve("leak");
    assertEquals(0, Cli.run("record", "fpu-memcmp", "-o", trace.toString()).exitCode);
  }

  @Test
  void anUntouchedTraceReplaysIdentically() throws Exception {
    Cli replay = Cli.run("replay", trace.toString());
    assertEquals(0, replay.exitCode, replay.toString());
    assertTrue(replay.out.matches("replayed [0-9,]+ events: identical \\([0-9,]+ traps, [0-9,]+ choices\\)\\R"), replay.out);
    JsonNode json = Json.mapper().readTree(Cli.run("replay", trace.toString(), "--json").out);
    assertTrue(json.path("divergence").isNull(), json.toString());
  }

  @Test
  void anEditedScenarioDivergesWithExitThreeAndARrStyleReport() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Path manifest = trace.resolve("manifest.json");
    ObjectNode document = (ObjectNode) mapper.readTree(manifest.toFile());
    ((ObjectNode) document.path("scenario").path("machine")).put("hypervisor", "xen-pv-keep-ts");
    Files.write(manifest, mapper.writeValueAsBytes(document));
    Cli replay = Cli.run("replay", trace.toString());
    assertEquals(3, replay.exitCode, replay.toString());
    assertTrue(replay.out.contains("DIVERGED"), replay.out);
    assertTrue(replay.out.contains("first divergent event: seq 9"), replay.out);
    assertTrue(replay.out.contains("ts         false                  true                    <=="), replay.out);
    assertTrue(replay.out.contains("last 9 events before it"), replay.out);
    JsonNode json = Json.mapper().readTree(Cli.run("replay", trace.toString(), "--json").out);
    assertEquals(9, json.path("divergence").path("seq").asLong());
    assertEquals("NM_ENTER", json.path("divergence").path("recorded").path("kind").asText());
  }

  @Test
  void aCounterfactualWritesANewTraceAndComparesFindings() throws Exception {
    Path fixed = temp.resolve("fixed");
    Cli replay = Cli.run("replay", trace.toString(), "--set", "machine.patches=konrad-stts", "-o", fixed.toString());
    assertEquals(0, replay.exitCode, replay.toString());
    assertTrue(replay.out.contains("the runs part at seq 10:"), replay.out);
    assertTrue(replay.out.lines().anyMatch(line -> line.matches("\\s+FPU_STATE_LEAK\\s+[1-9][0-9]* -> 0")), replay.out);
    assertTrue(replay.out.contains("reused from the recording"), replay.out);
    assertTrue(Files.isRegularFile(fixed.resolve("manifest.json")));
    assertEquals(0, Cli.run("analyze", fixed.toString()).exitCode);
    assertEquals(0, Cli.run("replay", fixed.toString()).exitCode, "the counterfactual trace is itself replayable");
    Cli noOutput = Cli.run("replay", trace.toString(), "--set", "machine.patches=konrad-stts");
    assertEquals(2, noOutput.exitCode);
    assertTrue(noOutput.err.contains("give it a place with -o NEW"), noOutput.err);
  }

  @Test
  void aDamagedTraceIsBadInput() throws Exception {
    try (RandomAccessFile file = new RandomAccessFile(trace.resolve("events.parquet").toFile(), "rw")) {
      file.setLength(file.length() - 10);
    }
    Cli replay = Cli.run("replay", trace.toString());
    assertEquals(2, replay.exitCode, replay.toString());
    assertEquals(1, replay.err.lines().count(), replay.err);
    assertTrue(replay.err.contains("events.parquet"), replay.err);
    assertFalse(replay.err.contains("\tat "), replay.err);
  }
}
