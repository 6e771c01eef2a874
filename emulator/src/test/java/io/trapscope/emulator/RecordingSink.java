package io.trapscope.emulator;

import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.model.vocabulary.EventKind;
import java.util.ArrayList;
import java.util.List;

/** Keeps every event, trap and choice of a run in memory, for tests of short runs. */
final class RecordingSink implements EventSink {
  record Event(long seq, long tick, int vcpu, int task, EventKind kind, boolean ts, int fpuOwner, long value, long aux) {}

  record Choice(long seq, ChoicePoint point, int vcpu, int task, long ordinal, long value) {}

  final List<Event> events = new ArrayList<>();
  final List<TrapRecord> traps = new ArrayList<>();
  final List<Choice> choices = new ArrayList<>();
  RunResult result;

  @Override
  public void event(long seq, long tick, int vcpu, int task, EventKind kind, boolean ts, int fpuOwner, long value, long aux) {
    events.add(new Event(seq, tick, vcpu, task, kind, ts, fpuOwner, value, aux));
  }

  @Override
  public void trap(TrapRecord trap) {
    traps.add(trap);
  }

  @Override
  public void choice(long seq, ChoicePoint point, int vcpu, int task, long ordinal, long value) {
    choices.add(new Choice(seq, point, vcpu, task, ordinal, value));
  }

  long corruptedReads() {
    return events.stream().filter(e -> e.kind() == EventKind.FPU_READ && e.fpuOwner() != e.task()).count();
  }

  long nestedNm() {
    return events.stream().filter(e -> e.kind() == EventKind.NM_RAISE && e.aux() > 0).count();
  }

  long count(EventKind kind) {
    return events.stream().filter(e -> e.kind() == kind).count();
  }
}
