package io.trapscope.analyzer.rules;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Finding;
import io.trapscope.analyzer.Fix;
import java.util.List;

/** Where rules report findings: numbers them and hands them on. */
public interface Findings {
  /** The id the next finding will get. */
  long nextId();

  /** Reports a finding; returns its id. */
  long report(Rule rule, int score, int vcpu, int task, String summary, String explanation, List<EvidenceRow> evidence, List<Long> causedBy, List<Fix> fixes, List<EvidenceRow> timeline);

  /** Whether a timeline is still wanted for {@code rule}: only the first few findings of each rule get one. */
  boolean wantsTimeline(Rule rule);

  /** The fixes known for {@code rule}'s findings on this trace's machine. */
  List<Fix> fixes(String ruleId);
}
