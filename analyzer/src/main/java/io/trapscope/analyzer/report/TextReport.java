package io.trapscope.analyzer.report;

import io.trapscope.analyzer.Finding;
import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.RuleResult;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.TraceAnalysis;
import io.trapscope.model.scenario.MachineDescription;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** For a terminal: the verdict, one line per rule with its first finding, the fixes; a table for several traces. */
final class TextReport {
  private TextReport() {}

  static void render(List<TraceAnalysis> analyses, PrintWriter out) {
    for (TraceAnalysis analysis : analyses) {
      out.printf(
          "%s: %s  (%s, seed %d, %,d events)%n", analysis.trace(), analysis.verdict().name(), MachineDescription.summary(analysis.scenario()), analysis.seed(), analysis.events());
      out.printf("  %s%n", analysis.verdictReason());
      Map<String, Finding> first = new LinkedHashMap<>();
      for (Finding finding : analysis.findings()) {
        first.putIfAbsent(finding.rule(), finding);
      }
      for (RuleResult rule : analysis.rules()) {
        if (!rule.inScope()) {
          continue;
        }
        String detail;
        if (!rule.applicable()) {
          detail = "not applicable: " + rule.reason();
        } else if (first.containsKey(rule.id())) {
          Finding finding = first.get(rule.id());
          detail = "first at seq " + finding.lastSeq() + ": " + finding.summary();
        } else {
          detail = "";
        }
        out.printf("  %-8s %-19s %,7d  %s%n", rule.severity().id(), rule.id(), rule.findings(), detail);
      }
      for (String line : OutOfScope.lines(analysis)) {
        out.printf("  %s%n", line);
      }
      Map<String, Fix> fixes = new LinkedHashMap<>();
      for (Finding finding : analysis.findings()) {
        if (finding.severity().atLeast(Severity.WARNING)) {
          for (Fix fix : finding.fixes()) {
            if (fix.applies()) {
              fixes.putIfAbsent(fix.id(), fix);
            }
          }
        }
      }
      for (Fix fix : fixes.values()) {
        out.printf("  fix: %s (%s)%n", fix.title(), fix.id());
      }
      if (!analysis.findings().isEmpty()) {
        out.println("  evidence, timelines and fixes: --format markdown; every finding: --format json or --findings-parquet");
      }
      out.println();
    }
    if (analyses.size() > 1) {
      out.printf("%-40s %-8s %8s %9s  %s%n", "TRACE", "VERDICT", "ERRORS", "WARNINGS", "MACHINE");
      for (TraceAnalysis analysis : analyses) {
        long errors = analysis.findingsAtLeast(Severity.ERROR);
        long warnings = analysis.findingsAtLeast(Severity.WARNING) - errors;
        out.printf("%-40s %-8s %,8d %,9d  %s%n", analysis.trace(), analysis.verdict().id(), errors, warnings, MachineDescription.summary(analysis.scenario()));
      }
    }
    out.flush();
  }
}
