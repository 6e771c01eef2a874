package io.trapscope.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.emulator.choice.ChoiceSource;
import io.trapscope.model.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Determinism: a run is a pure function of its scenario and its choices, and the choice log holds every
 * random decision, so that answering from the log alone reproduces the run.
 */
class ChoiceLogTest {
  @Test
  void sameSeedGivesTheSameRun() {
    Scenario scenario = Runs.scenario("{}", "seed=11", "machine.vcpus=2", "workload.loops=4");
    RecordingSink first = Runs.run(scenario);
    RecordingSink second = Runs.run(scenario);
    assertEquals(first.events, second.events);
    assertEquals(first.traps, second.traps);
    assertEquals(first.choices, second.choices);
  }

  @Test
  void differentSeedsGiveDifferentChoices() {
    RecordingSink first = Runs.run(Runs.scenario("{}", "seed=11"));
    RecordingSink second = Runs.run(Runs.scenario("{}", "seed=12"));
    assertNotEquals(first.choices, second.choices);
  }

  @Test
  void answeringFromTheLogAloneReproducesEveryEvent() {
    for (String sample : List.of("{}", "{\"workload\": {\"name\": \"fpu-mixed\"}}")) {
      Scenario scenario = Runs.scenario(sample, "seed=5", "machine.vcpus=2", "machine.hvDescheduleProbability=0.01");
      RecordingSink recorded = Runs.run(scenario);
      assertTrue(recorded.choices.size() > 100);
      LogChoiceSource log = new LogChoiceSource(recorded.choices);
      RecordingSink replayed = new RecordingSink();
      new Machine(scenario, log, replayed).run();
      assertEquals(recorded.events, replayed.events);
      assertEquals(recorded.choices, replayed.choices);
      assertEquals(recorded.choices.size(), log.next, "every logged choice was asked for");
    }
  }

  /** Answers from a recorded log in order, checking that each question is the one recorded. */
  static final class LogChoiceSource implements ChoiceSource {
    private final List<RecordingSink.Choice> log;
    int next;

    LogChoiceSource(List<RecordingSink.Choice> log) {
      this.log = log;
    }

    private long answer(ChoicePoint point, int vcpu, int task, long ordinal) {
      RecordingSink.Choice choice = log.get(next++);
      assertEquals(point, choice.point(), "point of choice " + (next - 1));
      assertEquals(vcpu, choice.vcpu());
      assertEquals(task, choice.task());
      assertEquals(ordinal, choice.ordinal());
      return choice.value();
    }

    @Override
    public boolean chance(ChoicePoint point, int vcpu, int task, long ordinal, double probability) {
      return answer(point, vcpu, task, ordinal) != 0;
    }

    @Override
    public long range(ChoicePoint point, int vcpu, int task, long ordinal, long min, long max) {
      return answer(point, vcpu, task, ordinal);
    }

    @Override
    public long geometric(ChoicePoint point, int vcpu, int task, long ordinal, double probability, long max) {
      return answer(point, vcpu, task, ordinal);
    }

    @Override
    public int pick(ChoicePoint point, int vcpu, int task, long ordinal, int[] candidates, int count) {
      return (int) answer(point, vcpu, task, ordinal);
    }
  }
}
