package io.trapscope.analyzer.report;

import io.trapscope.analyzer.RuleFamily;
import io.trapscope.analyzer.RuleResult;
import io.trapscope.analyzer.TraceAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One line per rule family the trace leaves out of scope, instead of one per rule, in the human reports. */
final class OutOfScope {
  private OutOfScope() {}

  /** "memory events and injection rules (INJ_DOUBLE_FAULT, ...): out of scope: no memory events ...". */
  static List<String> lines(TraceAnalysis analysis) {
    Map<RuleFamily, List<String>> families = new LinkedHashMap<>();
    for (RuleResult rule : analysis.rules()) {
      if (!rule.inScope()) {
        families.computeIfAbsent(rule.family(), family -> new ArrayList<>()).add(rule.id());
      }
    }
    List<String> lines = new ArrayList<>();
    for (Map.Entry<RuleFamily, List<String>> family : families.entrySet()) {
      lines.add(family.getKey().title() + " rules (" + String.join(", ", family.getValue()) + "): " + family.getKey().outOfScopeReason());
    }
    return lines;
  }
}
