package io.trapscope.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.ScenarioException;
import io.trapscope.samples.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios by path or by sample name; every packaged sample is valid. */
class ScenarioLoaderTest {
  @TempDir Path temp;

  @Test
  void everySampleInTheRepositoryIsPackagedAndValid() throws Exception {
    List<String> onDisk;
    try (Stream<Path> files = Files.list(Path.of("../samples/scenarios"))) {
      onDisk = files.map(file -> file.getFileName().toString().replace(".json", "")).sorted().toList();
    }
    assertEquals(onDisk, Samples.names());
    for (String name : Samples.names()) {
      Scenario scenario = ScenarioLoader.load(name, List.of(), null);
      assertFalse(scenario.description().isBlank(), name + " has a description");
    }
    assertTrue(Samples.names().contains("fpu-memcmp"));
  }

  @Test
  void aPathWinsOverASampleName() throws Exception {
    Path file = temp.resolve("mine.json");
    Files.writeString(file, "{\"seed\": 77}");
    assertEquals(77, ScenarioLoader.load(file.toString(), List.of(), null).seed());
  }

  @Test
  void anUnknownNameSuggestsTheClosestSample() {
    ScenarioException error = assertThrows(ScenarioException.class, () -> ScenarioLoader.load("fpu-memcpm", List.of(), null));
    assertTrue(error.getMessage().contains("did you mean 'fpu-memcmp'?"), error.getMessage());
    ScenarioException missing = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(temp.resolve("none.json").toString(), List.of(), null));
    assertTrue(missing.getMessage().endsWith("no such file (run 'trapscope scenarios' for the samples)"), missing.getMessage());
  }
}
