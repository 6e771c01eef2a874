package io.trapscope.analyzer.lazyfpu;

import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.analyzer.engine.RowSlot;
import io.trapscope.analyzer.engine.TrackedRule;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.Family;
import java.util.List;

/**
 * A rule of the lazy-FPU family: it reads the family's {@link FpuTracker}, may ask to see every switch
 * into a task once its FPU half (a preload) is known, and by default offers the fixes of the lazy-FPU window.
 */
abstract class LazyFpuRule extends TrackedRule<FpuTracker> {
  LazyFpuRule(String id, Severity severity, String title) {
    super(id, severity, title, Family.LAZY_FPU);
  }

  /** Whether {@link #onSwitchComplete} wants to be called. */
  boolean watchesSwitches() {
    return false;
  }

  /** A switch into {@code check.task()} is complete; the tracker shows the vCPU as the task finds it. */
  void onSwitchComplete(RowSlot check, FpuTracker fpu, Findings findings) {}

  @Override
  public List<Fix> fixes(Scenario scenario) {
    // The family's rules share the window's fixes; a rule about something else says its own.
    return LazyFpuFixes.window(scenario);
  }
}
