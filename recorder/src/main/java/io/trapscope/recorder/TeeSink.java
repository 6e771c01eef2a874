package io.trapscope.recorder;

import io.trapscope.emulator.EventSink;
import io.trapscope.emulator.TrapRecord;
import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.model.vocabulary.EventKind;

/** Passes everything to two sinks, the trace's first. */
final class TeeSink implements EventSink {
  private final EventSink first;
  private final EventSink second;

  TeeSink(EventSink first, EventSink second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public void event(long seq, long tick, int vcpu, int task, EventKind kind, boolean ts, int fpuOwner, long value, long aux) {
    first.event(seq, tick, vcpu, task, kind, ts, fpuOwner, value, aux);
    second.event(seq, tick, vcpu, task, kind, ts, fpuOwner, value, aux);
  }

  @Override
  public void trap(TrapRecord trap) {
    first.trap(trap);
    second.trap(trap);
  }

  @Override
  public void choice(long seq, ChoicePoint point, int vcpu, int task, long ordinal, long value) {
    first.choice(seq, point, vcpu, task, ordinal, value);
    second.choice(seq, point, vcpu, task, ordinal, value);
  }
}
