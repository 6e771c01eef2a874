package io.trapscope.analyzer;

/**
 * What one rule made of one trace.
 *
 * @param id the rule's stable id
 * @param severity the severity of its findings
 * @param title what it checks
 * @param applicable whether the trace held what the rule needs to decide
 * @param reason why not, when it was not applicable
 * @param findings how many findings it made
 * @param fixes the fixes known for what it checks, marked as applying or not to the traced machine
 */
public record RuleResult(String id, Severity severity, String title, boolean applicable, String reason, long findings, java.util.List<Fix> fixes) {
  public RuleResult {
    fixes = java.util.List.copyOf(fixes);
  }
}
