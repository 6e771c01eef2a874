package io.trapscope.replayer;

import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.emulator.choice.ChoiceSource;
import io.trapscope.emulator.choice.RandomChoiceSource;
import java.util.function.LongSupplier;

/**
 * Answers a machine's questions from a recorded choice log, by key. A question the log cannot answer, or
 * whose logged answer does not fit it (a task that is not runnable, a value out of range), is drawn from
 * a generator seeded like the run, and counted: an exact replay draws nothing.
 */
final class LoggedChoiceSource implements ChoiceSource {
  private final ChoiceLog log;
  private final RandomChoiceSource fallback;
  private final LongSupplier currentSeq;
  private long drawn;
  private long rejected;
  private String firstMismatch;
  private long firstMismatchSeq = -1;
  private ChoiceLog.Entry lastAnsweredEntry;
  private long lastAnsweredSeq = -1;

  LoggedChoiceSource(ChoiceLog log, long seed, LongSupplier currentSeq) {
    this.log = log;
    this.fallback = new RandomChoiceSource(seed);
    this.currentSeq = currentSeq;
  }

  @Override
  public boolean chance(ChoicePoint point, int vcpu, int task, long ordinal, double probability) {
    ChoiceLog.Entry entry = lookup(point, vcpu, task, ordinal);
    if (entry != null && (entry.value() == 0 || entry.value() == 1)) {
      return answered(entry) != 0;
    }
    reject(entry, point, vcpu, task, ordinal, "is neither 0 nor 1");
    return fallback.chance(point, vcpu, task, ordinal, probability);
  }

  @Override
  public long range(ChoicePoint point, int vcpu, int task, long ordinal, long min, long max) {
    ChoiceLog.Entry entry = lookup(point, vcpu, task, ordinal);
    if (entry != null && entry.value() >= min && entry.value() <= max) {
      return answered(entry);
    }
    reject(entry, point, vcpu, task, ordinal, "is outside [" + min + ", " + max + "]");
    return fallback.range(point, vcpu, task, ordinal, min, max);
  }

  @Override
  public long geometric(ChoicePoint point, int vcpu, int task, long ordinal, double probability, long max) {
    ChoiceLog.Entry entry = lookup(point, vcpu, task, ordinal);
    if (entry != null && entry.value() >= 1 && entry.value() <= max) {
      return answered(entry);
    }
    reject(entry, point, vcpu, task, ordinal, "is outside [1, " + max + "]");
    return fallback.geometric(point, vcpu, task, ordinal, probability, max);
  }

  @Override
  public int pick(ChoicePoint point, int vcpu, int task, long ordinal, int[] candidates, int count) {
    ChoiceLog.Entry entry = lookup(point, vcpu, task, ordinal);
    if (entry != null) {
      for (int index = 0; index < count; index++) {
        if (candidates[index] == entry.value()) {
          return (int) answered(entry);
        }
      }
    }
    reject(entry, point, vcpu, task, ordinal, "is not a runnable task");
    return fallback.pick(point, vcpu, task, ordinal, candidates, count);
  }

  private ChoiceLog.Entry lookup(ChoicePoint point, int vcpu, int task, long ordinal) {
    ChoiceLog.Entry entry = log.take(point, vcpu, task, ordinal);
    if (firstMismatch == null) {
      long seq = currentSeq.getAsLong();
      if (!log.tookHead()) {
        String asked = new ChoiceLog.Key(point.ordinal(), vcpu, task, ordinal).describe();
        ChoiceLog.Entry next = log.firstSkipped();
        mismatch(
            next == null
                ? "the replay asks for " + asked + " but the choice log has ended"
                : "the replay asks for " + asked + " where the log's next choice is " + next.key().describe());
      } else if (entry.seq() != seq) {
        mismatch("the replay asks for " + entry.key().describe() + " before seq " + seq + ", the recording asked before seq " + entry.seq());
      }
    }
    return entry;
  }

  private long answered(ChoiceLog.Entry entry) {
    lastAnsweredEntry = entry;
    lastAnsweredSeq = currentSeq.getAsLong();
    return entry.value();
  }

  private void reject(ChoiceLog.Entry entry, ChoicePoint point, int vcpu, int task, long ordinal, String why) {
    drawn++;
    ChoiceLog.Key asked = new ChoiceLog.Key(point.ordinal(), vcpu, task, ordinal);
    if (entry != null) {
      rejected++;
      mismatch("the logged answer " + entry.value() + " to " + asked.describe() + " " + why);
    } else {
      mismatch("the log holds no answer to " + asked.describe());
    }
    lastAnsweredEntry = new ChoiceLog.Entry(asked, -1, Long.MIN_VALUE);
    lastAnsweredSeq = currentSeq.getAsLong();
  }

  private void mismatch(String what) {
    if (firstMismatch == null) {
      firstMismatch = what;
      firstMismatchSeq = currentSeq.getAsLong();
    }
  }

  /** Questions answered by a fresh draw, the log having no usable answer. */
  long drawn() {
    return drawn;
  }

  /** Logged answers that did not fit the replay's question. */
  long rejected() {
    return rejected;
  }

  /** The first question that did not match the log's order, or null: what set the replay apart. */
  String firstMismatch() {
    return firstMismatch;
  }

  long firstMismatchSeq() {
    return firstMismatchSeq;
  }

  /** The last choice answered, for "the choice point in play", or null if none was asked yet. */
  String lastAnswered() {
    if (lastAnsweredEntry == null) {
      return null;
    }
    return lastAnsweredEntry.key().describe()
        + (lastAnsweredEntry.value() == Long.MIN_VALUE ? " drawn fresh" : " = " + lastAnsweredEntry.value());
  }

  long lastAnsweredSeq() {
    return lastAnsweredSeq;
  }
}
