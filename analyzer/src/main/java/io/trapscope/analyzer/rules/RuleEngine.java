package io.trapscope.analyzer.rules;

import io.trapscope.analyzer.EvidenceRow;
import java.util.List;

/** Feeds events to the rules in order, keeping the shared tracker one step ahead of them. */
public final class RuleEngine {
  private final List<Rule> rules;
  private final Findings findings;
  private final FpuTracker tracker = new FpuTracker();

  public RuleEngine(List<Rule> rules, Findings findings) {
    this.rules = List.copyOf(rules);
    this.findings = findings;
  }

  /** Analyses one event; events must come in seq order. */
  public void accept(Event event) {
    if (event.vcpu < 0 || event.vcpu >= FpuTracker.VCPUS_MAX) {
      throw new IllegalArgumentException("vcpu " + event.vcpu + " out of range");
    }
    EvidenceRow completed = tracker.takePendingSwitch(event);
    if (completed != null) {
      for (Rule rule : rules) {
        rule.onSwitchComplete(completed, tracker, findings);
      }
    }
    for (Rule rule : rules) {
      rule.beforeEvent(event, tracker, findings);
    }
    tracker.apply(event);
    for (Rule rule : rules) {
      rule.afterEvent(event, tracker, findings);
    }
    tracker.startSwitch(event);
    tracker.addHistory(event);
  }

  /** The trace has ended: settles switches still waiting and lets rules close what is open. */
  public void finish() {
    for (EvidenceRow pending : tracker.takeAllPendingSwitches()) {
      for (Rule rule : rules) {
        rule.onSwitchComplete(pending, tracker, findings);
      }
    }
    for (Rule rule : rules) {
      rule.onEnd(tracker, findings);
    }
  }
}
