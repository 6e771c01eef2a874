package io.trapscope.analyzer.rules;

import java.util.List;

/** Feeds events to the rules in order, keeping the shared trackers one step ahead of them. */
public final class RuleEngine {
  private final List<Rule> rules;
  private final Findings findings;
  private final FpuTracker tracker = new FpuTracker();
  private final InjectionTracker injections = new InjectionTracker(tracker);
  /** Per kind, the rules that asked for it: most events concern no rule but the trackers. */
  private final Rule[][] before = new Rule[Kind.values().length][];
  private final Rule[][] after = new Rule[Kind.values().length][];
  private final Rule[] switches;

  public RuleEngine(List<Rule> rules, Findings findings) {
    this.rules = List.copyOf(rules);
    this.findings = findings;
    for (Kind kind : Kind.values()) {
      before[kind.ordinal()] = this.rules.stream().filter(rule -> rule.beforeKinds().contains(kind)).toArray(Rule[]::new);
      after[kind.ordinal()] = this.rules.stream().filter(rule -> rule.afterKinds().contains(kind)).toArray(Rule[]::new);
    }
    this.switches = this.rules.stream().filter(Rule::watchesSwitches).toArray(Rule[]::new);
    for (Rule rule : this.rules) {
      if (rule instanceof InjectionRule injectionRule) {
        injectionRule.bind(injections);
      }
    }
  }

  /** Analyses one event; events must come in seq order. */
  public void accept(Event event) {
    if (event.vcpu < 0 || event.vcpu >= FpuTracker.VCPUS_MAX) {
      throw new IllegalArgumentException("vcpu " + event.vcpu + " out of range");
    }
    FpuTracker.VcpuState settled = tracker.pendingSwitchSettledBy(event);
    if (settled != null) {
      for (Rule rule : switches) {
        rule.onSwitchComplete(settled.pendingSwitch, tracker, findings);
      }
      tracker.clearPendingSwitch(settled);
    }
    int kind = event.kind.ordinal();
    for (Rule rule : before[kind]) {
      rule.beforeEvent(event, tracker, findings);
    }
    tracker.apply(event);
    injections.apply(event);
    for (Rule rule : after[kind]) {
      rule.afterEvent(event, tracker, findings);
    }
    tracker.startSwitch(event);
    tracker.addHistory(event, injections.slotState(event.vcpu), injections.pendingState(event.vcpu));
    injections.afterHistory(event, findings);
  }

  /**
   * The trace has ended, as {@code endReason} (the manifest's {@code run.endReason}) says: settles switches
   * still waiting, reports collisions still waiting for their timeline, and lets rules close what is open.
   */
  public void finish(String endReason) {
    for (FpuTracker.VcpuState pending : tracker.vcpusWithPendingSwitches()) {
      for (Rule rule : switches) {
        rule.onSwitchComplete(pending.pendingSwitch, tracker, findings);
      }
      tracker.clearPendingSwitch(pending);
    }
    injections.setEndReason(endReason);
    injections.flushDeferred(findings);
    for (Rule rule : rules) {
      rule.onEnd(tracker, findings);
    }
  }
}
