package io.trapscope.analyzer.lazyfpu;

import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.engine.Event;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.analyzer.engine.RowSlot;
import io.trapscope.analyzer.engine.Rule;
import io.trapscope.model.vocabulary.Family;

/**
 * A rule of the lazy-FPU family: it reads the family's {@link FpuTracker}, and may ask to see every switch
 * into a task once its FPU half (a preload) is known.
 */
abstract class LazyFpuRule extends Rule {
  private FpuTracker tracker;

  LazyFpuRule(String id, Severity severity, String title) {
    super(id, severity, title, Family.LAZY_FPU);
  }

  void bind(FpuTracker fpu) {
    this.tracker = fpu;
  }

  /** Whether {@link #onSwitchComplete} wants to be called. */
  boolean watchesSwitches() {
    return false;
  }

  @Override
  protected final void beforeEvent(Event event, Findings findings) {
    beforeEvent(event, tracker, findings);
  }

  @Override
  protected final void afterEvent(Event event, Findings findings) {
    afterEvent(event, tracker, findings);
  }

  @Override
  protected final void onEnd(Findings findings) {
    onEnd(tracker, findings);
  }

  /** Sees {@code event} with the tracker still as it was before the event. */
  void beforeEvent(Event event, FpuTracker fpu, Findings findings) {}

  /** Sees {@code event} with the tracker updated by it. */
  void afterEvent(Event event, FpuTracker fpu, Findings findings) {}

  /** A switch into {@code check.task()} is complete; the tracker shows the vCPU as the task finds it. */
  void onSwitchComplete(RowSlot check, FpuTracker fpu, Findings findings) {}

  /** The trace has ended. */
  void onEnd(FpuTracker fpu, Findings findings) {}
}
