package io.trapscope.recorder;

import io.trapscope.emulator.EventSink;
import io.trapscope.emulator.TrapRecord;
import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.model.vocabulary.EventKind;
import java.util.ArrayList;
import java.util.List;

/** Keeps a run's events as rows in the trace's column order, to compare with what was written. */
final class CollectingSink implements EventSink {
  final List<long[]> events = new ArrayList<>();
  final List<String> kinds = new ArrayList<>();
  final List<TrapRecord> traps = new ArrayList<>();
  long choices;

  @Override
  public void event(long seq, long tick, int vcpu, int task, EventKind kind, boolean ts, int fpuOwner, long value, long aux) {
    events.add(new long[] {seq, tick, vcpu, task, kind.ordinal(), ts ? 1 : 0, fpuOwner, value, aux});
    kinds.add(kind.name());
  }

  @Override
  public void trap(TrapRecord trap) {
    traps.add(trap);
  }

  @Override
  public void choice(long seq, ChoicePoint point, int vcpu, int task, long ordinal, long value) {
    choices++;
  }

  long corruptedReads() {
    long count = 0;
    for (long[] event : events) {
      if (event[4] == EventKind.FPU_READ.ordinal() && event[6] != event[3]) {
        count++;
      }
    }
    return count;
  }
}
