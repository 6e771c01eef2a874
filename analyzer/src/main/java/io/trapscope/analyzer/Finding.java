package io.trapscope.analyzer;

import java.util.List;

/**
 * One thing a rule found in a trace, with the events that show it.
 *
 * @param id position among the trace's findings, from 1, in the order they were found
 * @param rule the rule's stable id
 * @param severity how bad
 * @param score 0 to 100: how sure and how severe, for sorting
 * @param firstSeq the first event involved
 * @param lastSeq the last event involved
 * @param vcpu the vCPU it happened on
 * @param task the task it is about
 * @param summary one line
 * @param explanation what happened and why it matters
 * @param evidence the event rows that show it, in seq order
 * @param causedBy ids of earlier findings that led to this one
 * @param fixes fixes known from the bug's history
 * @param timeline the events of the window around it on its vCPU, for the first few findings of each
 *     rule; empty for the rest
 * @param timelineStates for memory-event findings with a timeline: the inject slot and the pending event
 *     after each timeline row; empty otherwise
 */
public record Finding(
    long id,
    String rule,
    Severity severity,
    int score,
    long firstSeq,
    long lastSeq,
    int vcpu,
    int task,
    String summary,
    String explanation,
    List<EvidenceRow> evidence,
    List<Long> causedBy,
    List<Fix> fixes,
    List<EvidenceRow> timeline,
    List<TimelineState> timelineStates) {

  public Finding {
    evidence = List.copyOf(evidence);
    causedBy = List.copyOf(causedBy);
    fixes = List.copyOf(fixes);
    timeline = List.copyOf(timeline);
    timelineStates = List.copyOf(timelineStates);
  }
}
