package io.trapscope.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.emulator.choice.RandomChoiceSource;
import org.junit.jupiter.api.Test;

/** The recording choice source: answers in range, and with the asked-for odds over many draws. */
class RandomChoiceSourceTest {
  private static final int DRAWS = 200_000;

  @Test
  void chanceHitsItsProbability() {
    RandomChoiceSource source = new RandomChoiceSource(1);
    int hits = 0;
    for (int draw = 0; draw < DRAWS; draw++) {
      hits += source.chance(ChoicePoint.ALLOC_SLEEPS, 0, 0, draw, 0.3) ? 1 : 0;
    }
    assertEquals(0.3, hits / (double) DRAWS, 0.01);
  }

  @Test
  void geometricHasMeanOneOverPAndStaysInRange() {
    RandomChoiceSource source = new RandomChoiceSource(2);
    long sum = 0;
    for (int draw = 0; draw < DRAWS; draw++) {
      long trials = source.geometric(ChoicePoint.SCHED_PREEMPT, 0, 0, draw, 0.05, 1000);
      assertTrue(trials >= 1 && trials <= 1000);
      sum += trials;
    }
    assertEquals(20.0, sum / (double) DRAWS, 0.5);
  }

  @Test
  void rangeAndPickStayInBounds() {
    RandomChoiceSource source = new RandomChoiceSource(3);
    int[] candidates = {7, 9, 11};
    boolean[] seen = new boolean[3];
    for (int draw = 0; draw < 10_000; draw++) {
      long value = source.range(ChoicePoint.ALLOC_TICKS, 0, 0, draw, 2, 30);
      assertTrue(value >= 2 && value <= 30);
      int picked = source.pick(ChoicePoint.SCHED_PICK, 0, 0, draw, candidates, 3);
      seen[(picked - 7) / 2] = true;
    }
    assertTrue(seen[0] && seen[1] && seen[2]);
  }
}
