package io.trapscope.analyzer.lazyfpu;

import io.trapscope.analyzer.engine.BugFamily;
import io.trapscope.analyzer.engine.Event;
import io.trapscope.analyzer.engine.FamilyRun;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.analyzer.engine.Rule;
import io.trapscope.analyzer.engine.Timelines;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The lazy-FPU family: CR0.TS, #NM and the FPU registers' owner (Xen bug #40 and its relatives). */
public final class LazyFpuFamily implements BugFamily {
  @Override
  public Family family() {
    return Family.LAZY_FPU;
  }

  @Override
  public List<Rule> newRules() {
    return List.of(new FpuStateLeakRule(), new NmNestedRule(), new TsClearAtSwitchRule(), new NmSchedWindowRule());
  }

  @Override
  public FamilyRun start(List<Rule> rules, Timelines timelines) {
    return new Run(rules, new FpuTracker(timelines));
  }

  @Override
  public boolean inScope(Set<Family> declared, long[] kindCounts) {
    return declared.contains(Family.LAZY_FPU)
        || kindCounts[EventKind.FPU_WRITE.ordinal()] > 0
        || kindCounts[EventKind.FPU_READ.ordinal()] > 0
        || kindCounts[EventKind.NM_RAISE.ordinal()] > 0;
  }

  @Override
  public String outOfScopeReason() {
    return "no lazy-FPU activity in this trace (no FPU_WRITE, FPU_READ or NM_RAISE events, and the workload uses no FPU)";
  }

  /** The tracker and the rules for one analysis; switches are checked once their FPU half is known. */
  private static final class Run extends FamilyRun {
    private final FpuTracker tracker;
    private final LazyFpuRule[] switches;

    Run(List<Rule> rules, FpuTracker tracker) {
      super(rules);
      this.tracker = tracker;
      List<LazyFpuRule> watching = new ArrayList<>();
      for (Rule rule : rules) {
        LazyFpuRule fpuRule = (LazyFpuRule) rule;
        fpuRule.bind(tracker);
        if (fpuRule.watchesSwitches()) {
          watching.add(fpuRule);
        }
      }
      this.switches = watching.toArray(LazyFpuRule[]::new);
    }

    @Override
    protected void settle(Event event, Findings findings) {
      FpuTracker.VcpuState settled = tracker.pendingSwitchSettledBy(event);
      if (settled != null) {
        for (LazyFpuRule rule : switches) {
          rule.onSwitchComplete(settled.pendingSwitch, tracker, findings);
        }
        tracker.clearPendingSwitch(settled);
      }
    }

    @Override
    protected void apply(Event event) {
      tracker.apply(event);
    }

    @Override
    protected void afterRules(Event event) {
      tracker.startSwitch(event);
    }

    @Override
    protected void finish(String endReason, Findings findings) {
      for (FpuTracker.VcpuState pending : tracker.vcpusWithPendingSwitches()) {
        for (LazyFpuRule rule : switches) {
          rule.onSwitchComplete(pending.pendingSwitch, tracker, findings);
        }
        tracker.clearPendingSwitch(pending);
      }
    }
  }
}
