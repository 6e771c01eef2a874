package io.trapscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.ScenarioCodec;
import io.trapscope.model.scenario.ScenarioException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A scenario value of the wrong JSON type, or null, is refused in one line naming the file and the field: no coercion. */
class StrictScenarioTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"seed\": \"7\"}|seed",
        "{\"seed\": 1.5}|seed",
        "{\"seed\": true}|seed",
        "{\"seed\": null}|seed",
        "{\"description\": 7}|description",
        "{\"description\": false}|description",
        "{\"description\": null}|description",
        "{\"machine\": {\"vcpus\": \"2\"}}|machine.vcpus",
        "{\"machine\": {\"vcpus\": 2.5}}|machine.vcpus",
        "{\"machine\": {\"eagerfpu\": \"true\"}}|machine.eagerfpu",
        "{\"machine\": {\"eagerfpu\": 1}}|machine.eagerfpu",
        "{\"machine\": {\"hypervisor\": 1}}|machine.hypervisor",
        "{\"machine\": {\"hypervisor\": null}}|machine.hypervisor",
        "{\"machine\": {\"kernel\": 0}}|machine.kernel",
        "{\"machine\": {\"patches\": [1]}}|machine.patches[0]",
        "{\"machine\": {\"patches\": [null]}}|machine.patches[0]",
        "{\"machine\": {\"patches\": null}}|machine.patches",
        "{\"machine\": {\"hvDescheduleProbability\": \"0.5\"}}|machine.hvDescheduleProbability",
        "{\"machine\": null}|machine",
        "{\"workload\": null}|workload",
        "{\"workload\": {\"name\": 1}}|workload.name",
      })
  void aValueOfTheWrongTypeIsRefusedNamingTheField(String json, String field) {
    ScenarioException error = assertThrows(ScenarioException.class, () -> ScenarioCodec.parse(json, "x.json", List.of(), null));
    String message = error.getMessage();
    assertTrue(message.startsWith("x.json: " + field + ": "), () -> "message was: " + message);
    assertEquals(1, message.lines().count(), "one line");
  }

  @Test
  void anIntegerIsStillAValidProbability() {
    Scenario scenario = ScenarioCodec.parse("{\"machine\": {\"hvDescheduleProbability\": 0}}", "x.json", List.of(), null);
    assertEquals(0.0, scenario.machine().hvDescheduleProbability());
  }

  @Test
  void aStoredTreeIsReadAsStrictly() {
    ObjectNode tree = ScenarioCodec.toTree(Scenario.defaults());
    ((ObjectNode) tree.get("machine")).put("vcpus", "1");
    ScenarioException typed = assertThrows(ScenarioException.class, () -> ScenarioCodec.fromTree(tree, "manifest.json"));
    assertTrue(typed.getMessage().startsWith("manifest.json: machine.vcpus: "), typed.getMessage());
    ((ObjectNode) tree.get("machine")).putNull("vcpus");
    ScenarioException nulled = assertThrows(ScenarioException.class, () -> ScenarioCodec.fromTree(tree, "manifest.json"));
    assertTrue(nulled.getMessage().startsWith("manifest.json: machine.vcpus: null"), nulled.getMessage());
    assertFalse(nulled.getMessage().contains("\n"));
  }
}
