package io.trapscope.analyzer;

import io.trapscope.formats.Manifest;
import io.trapscope.model.scenario.Scenario;
import java.util.List;

/**
 * The analysis of one trace.
 *
 * @param trace the trace as named by the user
 * @param scenario the traced machine and workload, as the manifest resolved them
 * @param seed the run's seed
 * @param description the scenario's description
 * @param run how the run ended
 * @param events events analysed
 * @param rules every rule's result, in report order
 * @param findings the findings kept in full, in the order found (see {@link AnalysisOptions})
 * @param findingsTotal every finding, kept or not
 * @param verdict pass, fail or unknown
 * @param verdictReason one line saying why
 */
public record TraceAnalysis(
    String trace,
    Scenario scenario,
    long seed,
    String description,
    Manifest.Run run,
    long events,
    List<RuleResult> rules,
    List<Finding> findings,
    long findingsTotal,
    Verdict verdict,
    String verdictReason) {

  public TraceAnalysis {
    rules = List.copyOf(rules);
    findings = List.copyOf(findings);
  }

  /** Findings at or above {@code severity}, kept or not. */
  public long findingsAtLeast(Severity severity) {
    return rules.stream().filter(rule -> rule.severity().atLeast(severity)).mapToLong(RuleResult::findings).sum();
  }
}
