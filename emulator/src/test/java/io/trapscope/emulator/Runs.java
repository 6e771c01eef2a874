package io.trapscope.emulator;

import io.trapscope.emulator.choice.RandomChoiceSource;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.ScenarioCodec;
import java.util.List;

/** Helpers to run scenarios given as JSON and {@code --set} overrides. */
final class Runs {
  private Runs() {}

  static Scenario scenario(String json, String... overrides) {
    return ScenarioCodec.parse(json, "test", List.of(overrides), null);
  }

  static RecordingSink run(Scenario scenario) {
    RecordingSink sink = new RecordingSink();
    RunResult result = new Machine(scenario, new RandomChoiceSource(scenario.seed()), sink).run();
    sink.result = result;
    return sink;
  }
}
