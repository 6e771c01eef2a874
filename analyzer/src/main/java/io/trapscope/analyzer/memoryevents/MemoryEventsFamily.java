package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.engine.BugFamily;
import io.trapscope.analyzer.engine.Event;
import io.trapscope.analyzer.engine.FamilyRun;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.analyzer.engine.Rule;
import io.trapscope.analyzer.engine.Timelines;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Family;
import java.util.List;
import java.util.Set;

/**
 * The memory-events family: Xen's mem_access INT3/CRx capture and {@code HVMOP_inject_trap}, events lost
 * to a full ring, injections meeting pending events (the 2011 INT3/CRx capture thread and what followed).
 */
public final class MemoryEventsFamily implements BugFamily {
  /** Kinds that only a guest with memory events in use produces. */
  private static final EventKind[] ACTIVITY = {
    EventKind.PARAM_SET, EventKind.MEM_EVENT_PUT, EventKind.MEM_EVENT_DROP, EventKind.INJECT_REQUEST, EventKind.INJECT_EBUSY,
    EventKind.INJECT_ENTRY
  };

  @Override
  public Family family() {
    return Family.MEMORY_EVENTS;
  }

  @Override
  public List<Rule> newRules() {
    return List.of(
        new InjectionDoubleFaultRule(),
        new InjectionVmEntryFailureRule(),
        new InjectionTripleFaultRule(),
        new InjectionOverwrittenRule(),
        new InjectionDiscardedRule(),
        new InjectionDroppedRule(),
        new InjectionEbusyLostRule(),
        new InjectionPendingAtEndRule(),
        new RingDropRule(),
        new SyncUnansweredRule(),
        new Int3NoAdvanceRule(),
        new Int3NoListenerRule(),
        new ParamSelfSetRule());
  }

  @Override
  public FamilyRun start(List<Rule> rules, Timelines timelines) {
    return new Run(rules, new InjectionTracker(timelines));
  }

  @Override
  public boolean inScope(Set<Family> declared, long[] kindCounts) {
    if (declared.contains(Family.MEMORY_EVENTS)) {
      return true;
    }
    for (EventKind kind : ACTIVITY) {
      if (kindCounts[kind.ordinal()] > 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String outOfScopeReason() {
    return "no memory events in this trace (not an HVM guest with introspection active)";
  }

  /** The tracker and the rules for one analysis; collisions wait for the rows after them. */
  private static final class Run extends FamilyRun {
    private final InjectionTracker tracker;

    Run(List<Rule> rules, InjectionTracker tracker) {
      super(rules);
      this.tracker = tracker;
      for (Rule rule : rules) {
        ((InjectionRule) rule).bind(tracker);
      }
    }

    @Override
    protected void apply(Event event) {
      tracker.apply(event);
    }

    @Override
    protected int timelineColumns() {
      return 2;
    }

    @Override
    protected void timelineState(int vcpu, long[] out, int offset) {
      out[offset] = tracker.slotState(vcpu);
      out[offset + 1] = tracker.pendingState(vcpu);
    }

    @Override
    protected void placedAt(int offset) {
      tracker.timelineOffset = offset;
    }

    @Override
    protected void afterHistory(Event event, Findings findings) {
      tracker.afterHistory(event, findings);
    }

    @Override
    protected void finish(String endReason, Findings findings) {
      tracker.setEndReason(endReason);
      tracker.flushDeferred(findings);
    }
  }
}
