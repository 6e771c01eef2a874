package io.trapscope.emulator;

import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.model.vocabulary.EventKind;

/**
 * Where a machine reports what happens: events in order, traps in raise order, and every choice it made.
 * The recorder writes them to a trace; the replayer compares them with one.
 */
public interface EventSink {
  /** One event; {@code seq} counts from 0 without gaps. */
  void event(long seq, long tick, int vcpu, int task, EventKind kind, boolean ts, int fpuOwner, long value, long aux);

  /** One trap, reported once its outcome is known, in the order the traps were raised. */
  void trap(TrapRecord trap);

  /** One choice answered by the choice source; {@code seq} is that of the next event. */
  void choice(long seq, ChoicePoint point, int vcpu, int task, long ordinal, long value);
}
