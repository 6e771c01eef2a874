package io.trapscope.analyzer.report;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Finding;
import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.RuleResult;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.TraceAnalysis;
import io.trapscope.model.scenario.MachineDescription;
import io.trapscope.model.vocabulary.Family;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a user pastes into a bug ticket: profile, findings table, and per rule an explained example. */
final class MarkdownReport {
  private static final int OTHER_SEQS_LISTED = 20;

  private MarkdownReport() {}

  static void render(List<TraceAnalysis> analyses, PrintWriter out) {
    if (analyses.size() > 1) {
      out.println("# trapscope analysis of " + analyses.size() + " traces");
      out.println();
      out.println("| Trace | Verdict | Errors | Warnings | Machine | Seed |");
      out.println("|---|---|---:|---:|---|---:|");
      for (TraceAnalysis analysis : analyses) {
        long errors = analysis.findingsAtLeast(Severity.ERROR);
        out.printf(
            "| `%s` | %s | %,d | %,d | %s | %d |%n",
            analysis.trace(), verdict(analysis), errors, analysis.findingsAtLeast(Severity.WARNING) - errors, MachineDescription.summary(analysis.scenario()), analysis.seed());
      }
      out.println();
    }
    for (TraceAnalysis analysis : analyses) {
      renderTrace(analysis, out, analyses.size() > 1 ? "##" : "#");
    }
    out.flush();
  }

  private static String verdict(TraceAnalysis analysis) {
    return "**" + analysis.verdict().name() + "**";
  }

  private static void renderTrace(TraceAnalysis analysis, PrintWriter out, String heading) {
    String sub = heading + "#";
    out.println(heading + " trapscope analysis of `" + analysis.trace() + "`: " + analysis.verdict().name());
    out.println();
    out.println("| | |");
    out.println("|---|---|");
    out.println("| Verdict | " + verdict(analysis) + ": " + analysis.verdictReason() + " |");
    out.println("| Machine | " + MachineDescription.summary(analysis.scenario()) + " |");
    out.println("| Seed | " + analysis.seed() + " |");
    if (!analysis.description().isEmpty()) {
      out.println("| Scenario | " + escape(analysis.description()) + " |");
    }
    out.printf(
        "| Run | %s at tick %,d%s; %,d events |%n",
        analysis.run().endReason(), analysis.run().ticks(), analysis.run().workloadFinished() ? ", workload finished" : ", workload not finished", analysis.events());
    out.println();
    out.println(sub + " Findings");
    out.println();
    out.println("| Rule | Severity | Findings | First |");
    out.println("|---|---|---:|---|");
    Map<String, List<Finding>> byRule = new HashMap<>();
    for (Finding finding : analysis.findings()) {
      byRule.computeIfAbsent(finding.rule(), rule -> new ArrayList<>()).add(finding);
    }
    for (RuleResult rule : analysis.rules()) {
      if (!rule.inScope()) {
        continue;
      }
      List<Finding> findings = byRule.getOrDefault(rule.id(), List.of());
      String first =
          !rule.applicable() ? "not applicable: " + rule.reason() : findings.isEmpty() ? "" : "seq " + findings.get(0).lastSeq() + ": " + escape(findings.get(0).summary());
      out.printf("| `%s` | %s | %,d | %s |%n", rule.id(), rule.severity().id(), rule.findings(), first);
    }
    out.println();
    List<String> outOfScope = OutOfScope.lines(analysis);
    for (String line : outOfScope) {
      out.println("- " + escape(capitalise(line)));
    }
    if (!outOfScope.isEmpty()) {
      out.println();
    }
    for (RuleResult rule : analysis.rules()) {
      List<Finding> findings = byRule.getOrDefault(rule.id(), List.of());
      if (!findings.isEmpty()) {
        renderExample(findings, rule, out, sub + "#");
      }
    }
  }

  private static void renderExample(List<Finding> findings, RuleResult rule, PrintWriter out, String heading) {
    Finding finding = findings.get(0);
    out.println(heading + " `" + finding.rule() + "`: " + escape(finding.summary()));
    out.println();
    String cause =
        finding.causedBy().isEmpty() ? "" : "; follows finding " + String.join(", ", finding.causedBy().stream().map(String::valueOf).toList());
    out.printf(
        "Finding %d, the first of %,d for this rule: %s (score %d), vCPU %d, task %d, seq %d to %d%s.%n%n",
        finding.id(), rule.findings(), finding.severity().id(), finding.score(), finding.vcpu(), finding.task(), finding.firstSeq(), finding.lastSeq(), cause);
    out.println(escape(finding.explanation()));
    out.println();
    out.println("Evidence:");
    out.println();
    boolean lazyFpu = rule.family() == Family.LAZY_FPU;
    out.println(lazyFpu ? "| Role | seq | tick | vCPU | task | kind | TS | FPU owner | value | aux |" : "| Role | seq | tick | vCPU | task | kind | value | aux |");
    out.println(lazyFpu ? "|---|---:|---:|---:|---:|---|:-:|---:|---:|---:|" : "|---|---:|---:|---:|---:|---|---:|---:|");
    for (EvidenceRow row : finding.evidence()) {
      if (lazyFpu) {
        out.printf(
            "| %s | %d | %d | %d | %d | `%s` | %d | %d | %d | %d |%n",
            row.role(), row.seq(), row.tick(), row.vcpu(), row.task(), row.kind(), row.ts() ? 1 : 0, row.fpuOwner(), row.value(), row.aux());
      } else {
        out.printf(
            "| %s | %d | %d | %d | %d | `%s` | %d | %d |%n", row.role(), row.seq(), row.tick(), row.vcpu(), row.task(), row.kind(), row.value(), row.aux());
      }
    }
    out.println();
    if (!finding.timelineStates().isEmpty()) {
      out.println(
          "Timeline of vCPU " + finding.vcpu() + ": its last events up to the finding and the few after, with what the vCPU's inject "
              + "slot holds and which event is pending for delivery after each (the finding's evidence marked):");
      out.println();
      for (String line : InjectionTimeline.table(finding)) {
        out.println(line);
      }
      out.println();
    } else if (!finding.timeline().isEmpty()) {
      out.println("Timeline of vCPU " + finding.vcpu() + " (each event in its task's column, with CR0.TS and the FPU owner after it; `fpu=init` is a freshly initialised state):");
      out.println();
      out.println("```text");
      for (String line : Timeline.render(finding.timeline(), Timeline.notes(finding), Timeline.SLICES_MAX, Timeline.cast(finding))) {
        out.println(line);
      }
      out.println("```");
      out.println();
    }
    if (!finding.fixes().isEmpty()) {
      out.println("Known fixes:");
      out.println();
      for (Fix fix : finding.fixes()) {
        out.printf(
            "- **%s** (`%s`%s): %s%n", escape(fix.title()), fix.id(), fix.applies() ? ", applies to this machine" : "", escape(fix.detail()));
      }
      out.println();
    }
    if (rule.findings() > 1) {
      List<String> seqs = new ArrayList<>();
      for (int index = 1; index < findings.size() && seqs.size() < OTHER_SEQS_LISTED; index++) {
        seqs.add(Long.toString(findings.get(index).lastSeq()));
      }
      String more = rule.findings() - 1 > seqs.size() ? ", ..." : "";
      out.printf(
          "%,d more `%s` findings, at seq %s%s (all of them: `--format json` or `--findings-parquet`).%n%n",
          rule.findings() - 1, rule.id(), String.join(", ", seqs), more);
    }
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
