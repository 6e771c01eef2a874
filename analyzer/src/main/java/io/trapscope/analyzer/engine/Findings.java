package io.trapscope.analyzer.engine;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.TimelineState;
import java.util.List;

/** Where rules report findings: numbers them and hands them on. */
public interface Findings {
  /** The id the next finding will get. */
  long nextId();

  /** Reports a finding, to which the known fixes of its rule are attached; returns its id. */
  default long report(
      Rule rule, int score, int vcpu, int task, String summary, String explanation, List<EvidenceRow> evidence, List<Long> causedBy, List<EvidenceRow> timeline) {
    return report(rule, score, vcpu, task, summary, explanation, evidence, causedBy, timeline, List.of());
  }

  /** As the other {@code report}, with the inject slot and pending event after each timeline row. */
  long report(
      Rule rule,
      int score,
      int vcpu,
      int task,
      String summary,
      String explanation,
      List<EvidenceRow> evidence,
      List<Long> causedBy,
      List<EvidenceRow> timeline,
      List<TimelineState> timelineStates);

  /** Whether the next finding of {@code rule} is kept for reports, and so needs its summary and explanation. */
  boolean keeps(Rule rule);

  /** Whether the next finding of {@code rule} needs its evidence: kept, or streamed to a listener. */
  boolean wantsEvidence(Rule rule);

  /** Whether a timeline is still wanted for {@code rule}: only the first few findings of each rule get one. */
  boolean wantsTimeline(Rule rule);

}
