package io.trapscope.benchmarks;

import io.trapscope.emulator.scenario.Scenario;
import io.trapscope.emulator.scenario.ScenarioCodec;
import java.util.List;

/** The scenarios the benchmarks run: the seed's case, scaled up. */
final class Workloads {
  private Workloads() {}

  /** fpu-memcmp on the seed's machine with four loops of {@code processes} processes each. */
  static Scenario memcmp(int processes) {
    return ScenarioCodec.parse(
        "{\"seed\": 40, \"workload\": {\"name\": \"fpu-memcmp\", \"loops\": 4, \"processes\": " + processes + "}}",
        "benchmark",
        List.of(),
        null);
  }
}
