package io.trapscope.emulator.choice;

import java.util.SplittableRandom;

/**
 * Draws every answer from one {@link SplittableRandom} seeded by the scenario: the recording side of a
 * run. Uses no floating point but {@link StrictMath}, so that a seed gives the same answers on every JVM.
 */
public final class RandomChoiceSource implements ChoiceSource {
  private static final double TWO_TO_THE_53 = 0x1.0p53;

  private final SplittableRandom random;

  public RandomChoiceSource(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public boolean chance(ChoicePoint point, int vcpu, int task, long ordinal, double probability) {
    long threshold = (long) (probability * TWO_TO_THE_53);
    return (random.nextLong() >>> 11) < threshold;
  }

  @Override
  public long range(ChoicePoint point, int vcpu, int task, long ordinal, long min, long max) {
    return min + random.nextLong(max - min + 1);
  }

  @Override
  public long geometric(ChoicePoint point, int vcpu, int task, long ordinal, double probability, long max) {
    double uniform = (random.nextLong() >>> 11) / TWO_TO_THE_53;
    double trials = Math.floor(StrictMath.log1p(-uniform) / StrictMath.log1p(-probability)) + 1;
    return trials >= max ? max : Math.max(1, (long) trials);
  }

  @Override
  public int pick(ChoicePoint point, int vcpu, int task, long ordinal, int[] candidates, int count) {
    return candidates[random.nextInt(count)];
  }
}
