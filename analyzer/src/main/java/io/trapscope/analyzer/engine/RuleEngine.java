package io.trapscope.analyzer.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds events to every family in order, keeping the shared timelines one step behind them. It reads no
 * file: the analyzer feeds it a trace's rows, and a test or an online run can feed it events from memory.
 */
public final class RuleEngine {
  /** trapscope's machines have at most 64 vCPUs; a trace claiming thousands is not one of ours. */
  public static final int VCPUS_MAX = 4096;
  /** Far more live tasks than any scenario has; a hostile trace cannot make a tracker hold more. */
  public static final int LIVE_TASKS_MAX = 1 << 20;

  private final FamilyRun[] families;
  private final List<Rule> rules = new ArrayList<>();
  private final Findings findings;
  private final Timelines timelines;
  private final long[] state;

  /** An engine for {@code families}, each with fresh rules, reporting to {@code findings}. */
  public RuleEngine(List<BugFamily> families, Findings findings) {
    this.findings = findings;
    List<List<Rule>> rulesByFamily = new ArrayList<>();
    for (BugFamily family : families) {
      List<Rule> fresh = family.newRules();
      rulesByFamily.add(fresh);
      rules.addAll(fresh);
    }
    this.timelines = new Timelines();
    this.families = new FamilyRun[families.size()];
    int columns = 0;
    for (int index = 0; index < families.size(); index++) {
      this.families[index] = families.get(index).start(rulesByFamily.get(index), timelines);
      this.families[index].placedAt(columns);
      columns += this.families[index].timelineColumns();
    }
    timelines.setColumns(columns);
    this.state = new long[columns];
  }

  /** Every rule of every family, in report order. */
  public List<Rule> rules() {
    return List.copyOf(rules);
  }

  /** Analyses one event; events must come in seq order. Kinds this version does not know are passed over. */
  public void accept(Event event) {
    if (event.vcpu < 0 || event.vcpu >= VCPUS_MAX) {
      throw new IllegalArgumentException("vcpu " + event.vcpu + " out of range");
    }
    if (event.kind == null) {
      return;
    }
    for (FamilyRun family : families) {
      family.before(event, findings);
    }
    for (FamilyRun family : families) {
      family.apply(event);
    }
    for (FamilyRun family : families) {
      family.after(event, findings);
    }
    int offset = 0;
    for (FamilyRun family : families) {
      family.timelineState(event.vcpu, state, offset);
      offset += family.timelineColumns();
    }
    timelines.add(event, state);
    for (FamilyRun family : families) {
      family.afterHistory(event, findings);
    }
  }

  /**
   * The trace has ended, as {@code endReason} (the manifest's {@code run.endReason}) says: each family
   * settles what still waits, then every rule closes what is open.
   */
  public void finish(String endReason) {
    for (FamilyRun family : families) {
      family.finish(endReason, findings);
    }
    for (FamilyRun family : families) {
      family.end(findings);
    }
  }
}
