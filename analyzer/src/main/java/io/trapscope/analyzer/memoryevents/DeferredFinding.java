package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.engine.Event;
import io.trapscope.analyzer.engine.Findings;

/** A finding that waits for a few more events of its vCPU, so that its timeline shows what followed. */
abstract class DeferredFinding {
  final int vcpu;
  int eventsLeft = InjectionTracker.TIMELINE_AFTER;

  DeferredFinding(int vcpu) {
    this.vcpu = vcpu;
  }

  /** Sees an event of its vCPU after the collision, already in the history. */
  void observe(Event event) {}

  abstract void report(Findings findings);
}
