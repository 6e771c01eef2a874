package io.trapscope.emulator.choice;

/**
 * Answers a machine's nondeterministic decisions. Callers ask only real decisions: a probability strictly
 * between 0 and 1, a range of more than one value, more than one candidate.
 */
public interface ChoiceSource {
  /** True with {@code probability}. */
  boolean chance(ChoicePoint point, int vcpu, int task, long ordinal, double probability);

  /** A value in {@code [min, max]}, uniformly. */
  long range(ChoicePoint point, int vcpu, int task, long ordinal, long min, long max);

  /** Trials up to and including the first success, each succeeding with {@code probability}; in [1, max]. */
  long geometric(ChoicePoint point, int vcpu, int task, long ordinal, double probability, long max);

  /** One of {@code candidates[0..count)}, uniformly; returns the candidate itself. */
  int pick(ChoicePoint point, int vcpu, int task, long ordinal, int[] candidates, int count);
}
