package io.trapscope.analyzer.engine;

import io.trapscope.model.vocabulary.EventKind;
import java.util.List;

/**
 * One family's trackers and rules during one analysis. The {@link RuleEngine} calls the same phase of every
 * family before the next phase, so that findings are numbered in one order whatever the families.
 */
public abstract class FamilyRun {
  private final List<Rule> rules;
  /** Per kind, the rules that asked for it: most events concern no rule but the trackers. */
  private final Rule[][] before = new Rule[EventKind.values().length][];
  private final Rule[][] after = new Rule[EventKind.values().length][];

  protected FamilyRun(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    for (EventKind kind : EventKind.values()) {
      before[kind.ordinal()] = this.rules.stream().filter(rule -> rule.beforeKinds().contains(kind)).toArray(Rule[]::new);
      after[kind.ordinal()] = this.rules.stream().filter(rule -> rule.afterKinds().contains(kind)).toArray(Rule[]::new);
    }
  }

  /** The family's rules, in report order. */
  public final List<Rule> rules() {
    return rules;
  }

  /** Before any tracker sees {@code event}: settles what waited for the vCPU's next event. */
  protected void settle(Event event, Findings findings) {}

  /** Brings the family's trackers up to date with {@code event}. */
  protected abstract void apply(Event event);

  /** After the rules saw {@code event} with the trackers updated: notes what the next event settles. */
  protected void afterRules(Event event) {}

  /** {@code event} is in the timelines: findings that waited for rows after them may be reported. */
  protected void afterHistory(Event event, Findings findings) {}

  /** The trace has ended as {@code endReason} (the manifest's {@code run.endReason}) says; before the rules' ends. */
  protected void finish(String endReason, Findings findings) {}

  /** How many numbers the family keeps beside each timeline row (its state after the row). */
  protected int timelineColumns() {
    return 0;
  }

  /** Writes the family's state of {@code vcpu} after the last event into {@code out} from {@code offset}. */
  protected void timelineState(int vcpu, long[] out, int offset) {}

  /**
   * The engine has placed the family's timeline numbers from {@code offset} in each row's state, as
   * {@link Timelines#statesBetween} returns it (after the row's seq, so at index {@code offset + 1}).
   */
  protected void placedAt(int offset) {}

  final void before(Event event, Findings findings) {
    settle(event, findings);
    for (Rule rule : before[event.kind.ordinal()]) {
      rule.beforeEvent(event, findings);
    }
  }

  final void after(Event event, Findings findings) {
    for (Rule rule : after[event.kind.ordinal()]) {
      rule.afterEvent(event, findings);
    }
    afterRules(event);
  }

  final void end(Findings findings) {
    for (Rule rule : rules) {
      rule.onEnd(findings);
    }
  }
}
