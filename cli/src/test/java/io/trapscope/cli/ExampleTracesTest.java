package io.trapscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traces in {@code samples/traces} are what a user opens first and what the notebooks read: each
 * verifies, replays identically, shows its bug, and is exactly what recording its sample gives today.
 * When the model or the writer changes on purpose, re-record them with the command in the failure.
 */
class ExampleTracesTest {
  private static final Path TRACES = Path.of("..", "samples", "traces");
  /** Each example trace, and a rule it must be flagged with. */
  private static final Map<String, String> EXPECTED_RULES =
      Map.of("fpu-memcmp", "FPU_STATE_LEAK", "int3-reinject", "INJ_VMENTRY_FAILURE", "cr3-monitor", "EVT_RING_DROP");

  @TempDir Path temp;

  @Test
  void eachExampleTraceIsTheSampleRecordedToday() throws Exception {
    for (String name : EXPECTED_RULES.keySet().stream().sorted().toList()) {
      Path committed = TRACES.resolve(name);
      Path recorded = temp.resolve(name);
      Cli record = Cli.run("record", name, "-o", recorded.toString());
      assertEquals(0, record.exitCode, record.toString());
      for (String file : List.of("manifest.json", "events.parquet", "traps.parquet", "choices.parquet")) {
        assertArrayEquals(
            Files.readAllBytes(recorded.resolve(file)),
            Files.readAllBytes(committed.resolve(file)),
            committed.resolve(file) + " is stale; re-record it: ./trapscope record " + name + " -o samples/traces/" + name + " --force");
      }
    }
  }

  @Test
  void eachExampleTraceReplaysIdentically() {
    for (String name : EXPECTED_RULES.keySet()) {
      Cli replay = Cli.run("replay", TRACES.resolve(name).toString());
      assertEquals(0, replay.exitCode, replay.toString());
      assertTrue(replay.out.contains(": identical"), replay.out);
    }
  }

  @Test
  void eachExampleTraceShowsItsBug() throws Exception {
    for (Map.Entry<String, String> example : EXPECTED_RULES.entrySet()) {
      Cli analyze = Cli.run("analyze", TRACES.resolve(example.getKey()).toString(), "--format", "json");
      assertEquals(ExitCodes.FINDINGS, analyze.exitCode, analyze.toString());
      JsonNode rules = new ObjectMapper().readTree(analyze.out).get("traces").get(0).get("rules");
      long findings = 0;
      for (JsonNode rule : rules) {
        if (rule.get("id").asText().equals(example.getValue())) {
          findings = rule.get("findings").asLong();
        }
      }
      assertTrue(findings > 0, example + ": " + analyze.out);
    }
  }
}
