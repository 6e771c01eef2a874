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
 * @param family the family the rule belongs to
 * @param inScope whether the trace exercises the family's mechanism; a rule out of scope is not applicable
 *     and does not affect the verdict
 */
public record RuleResult(
    String id,
    Severity severity,
    String title,
    boolean applicable,
    String reason,
    long findings,
    java.util.List<Fix> fixes,
    io.trapscope.model.vocabulary.Family family,
    boolean inScope) {
  public RuleResult {
    fixes = java.util.List.copyOf(fixes);
  }
}
