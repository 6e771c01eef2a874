package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.TimelineState;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.analyzer.engine.TrackedRule;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Family;
import java.util.List;
import java.util.Set;

/**
 * A rule of the memory-events family: it reads the family's {@link InjectionTracker}, which the family
 * hands it before the first event.
 */
abstract class InjectionRule extends TrackedRule<InjectionTracker> {
  InjectionRule(String id, Severity severity, String title) {
    super(id, severity, title, Family.MEMORY_EVENTS);
  }

  @Override
  public Set<String> requiredColumns() {
    return Set.of("seq", "tick", "vcpu", "task", "kind", "value", "aux");
  }

  /** A rule's silence means something on any trace in scope: no such event, nothing lost. */
  @Override
  public Set<EventKind> requiredKinds() {
    return Set.of();
  }

  /** Reports with a timeline around {@code seq} on {@code vcpu} if one is still wanted for this rule. */
  final long report(
      Findings findings, int score, int vcpu, int task, String summary, String explanation, List<EvidenceRow> evidence, long seq) {
    boolean timeline = findings.wantsTimeline(this);
    List<EvidenceRow> rows = timeline ? tracker().timeline(vcpu, seq) : List.of();
    List<TimelineState> states = timeline ? tracker().timelineStates(vcpu, seq) : List.of();
    return findings.report(this, score, vcpu, task, summary, explanation, evidence, List.of(), rows, states);
  }
}
