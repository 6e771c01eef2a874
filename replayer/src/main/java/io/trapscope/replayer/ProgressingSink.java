package io.trapscope.replayer;

import io.trapscope.emulator.EventSink;
import io.trapscope.emulator.TrapRecord;
import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.recorder.ProgressListener;

/** Passes everything on and reports progress every so many events. */
final class ProgressingSink implements EventSink {
  private static final long EVENTS_PER_REPORT = 1 << 16;

  private final EventSink delegate;
  private final ProgressListener progress;

  ProgressingSink(EventSink delegate, ProgressListener progress) {
    this.delegate = delegate;
    this.progress = progress;
  }

  @Override
  public void event(long seq, long tick, int vcpu, int task, EventKind kind, boolean ts, int fpuOwner, long value, long aux) {
    delegate.event(seq, tick, vcpu, task, kind, ts, fpuOwner, value, aux);
    if ((seq & (EVENTS_PER_REPORT - 1)) == 0) {
      progress.progress(seq, tick);
    }
  }

  @Override
  public void trap(TrapRecord trap) {
    delegate.trap(trap);
  }

  @Override
  public void choice(long seq, ChoicePoint point, int vcpu, int task, long ordinal, long value) {
    delegate.choice(seq, point, vcpu, task, ordinal, value);
  }
}
