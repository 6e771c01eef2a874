package io.trapscope.analyzer.report;

import io.trapscope.analyzer.RuleResult;
import io.trapscope.analyzer.TraceAnalysis;
import io.trapscope.model.vocabulary.Family;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One line per rule family the trace leaves out of scope, instead of one per rule, in the human reports. */
final class OutOfScope {
  private OutOfScope() {}

  /** "memory events and injection rules (INJ_DOUBLE_FAULT, ...): out of scope: no memory events ...". */
  static List<String> lines(TraceAnalysis analysis) {
    Map<Family, List<RuleResult>> families = new LinkedHashMap<>();
    for (RuleResult rule : analysis.rules()) {
      if (!rule.inScope()) {
        families.computeIfAbsent(rule.family(), family -> new ArrayList<>()).add(rule);
      }
    }
    List<String> lines = new ArrayList<>();
    for (Map.Entry<Family, List<RuleResult>> family : families.entrySet()) {
      List<String> ids = family.getValue().stream().map(RuleResult::id).toList();
      // Every rule of a family out of scope gives the family's reason.
      lines.add(family.getKey().title() + " rules (" + String.join(", ", ids) + "): " + family.getValue().get(0).reason());
    }
    return lines;
  }
}
