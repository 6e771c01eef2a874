package io.trapscope.cli;

import io.trapscope.analyzer.Finding;
import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.RuleResult;
import io.trapscope.analyzer.TraceAnalysis;
import io.trapscope.analyzer.Verdict;
import io.trapscope.analyzer.report.InjectionTimeline;
import io.trapscope.formats.WriterOptions;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.Family;
import io.trapscope.recorder.ProgressListener;
import io.trapscope.recorder.RecordOptions;
import io.trapscope.recorder.ScenarioLoader;
import io.trapscope.replayer.CounterfactualResult;
import io.trapscope.replayer.Replayer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's second part: the hazard Tim Deegan named in the 2011 INT3/CRx capture review. Records an introspection
 * agent whose injected #BP meets a pending #PF on Xen 4.1, explains why Xen crashes the domain (the combined #DF keeps
 * the #BP's software type, and the VM entry fails), and replays the same choices on Xen 4.9.
 */
final class InjectionDemo {
  static final String SAMPLE = "int3-reinject";
  static final String XEN_4_9 = "machine.xen=xen-4.9";
  private static final String VMENTRY_FAILURE = "INJ_VMENTRY_FAILURE";
  private static final String DROPPED = "INJ_DROPPED";
  private static final int TIMELINE_ROWS_BEFORE = 12;

  /** Both analyses, and whether they show what the demo promises. */
  record Result(TraceAnalysis before, TraceAnalysis after, Path trace, Path replayed) {
    boolean asExpected() {
      return before.verdict() == Verdict.FAIL
          && findings(before, VMENTRY_FAILURE) > 0
          && findings(after, VMENTRY_FAILURE) == 0
          && findings(after, DROPPED) > 0;
    }
  }

  /** Records a scenario to a trace, reporting progress; returns a one-line summary. */
  interface RecordStep {
    String record(Scenario scenario, Path target) throws Exception;
  }

  private InjectionDemo() {}

  static Result run(PrintWriter out, Path output, RecordStep recorder, ProgressListener progress) throws Exception {
    Path trace = output.resolve("injection");
    Path replayed = output.resolve("injection-xen-4.9");
    Scenario scenario = ScenarioLoader.load(SAMPLE, List.of(), null);
    out.println("Part 2. Xen's INT3/CRx capture (xen-devel, January 2011): an agent's injected trap meets a pending exception");
    out.println();
    out.printf(
        "5. Recording an HVM guest on %s with an agent that re-injects its debugger's INT3s and pages memory in with #PF%n"
            + "   (sample %s, seed %d)%n",
        scenario.machine().xen().id(), SAMPLE, scenario.seed());
    out.printf("   %s%n", recorder.record(scenario, trace));
    CounterfactualResult counterfactual =
        Replayer.counterfactual(trace, List.of(XEN_4_9), replayed, new RecordOptions(false, true, WriterOptions.Compression.ZSTD), progress);
    TraceAnalysis before = counterfactual.before();
    out.printf("6. Analyzing it: %s (%s)%n", before.verdict().name(), before.verdictReason());
    for (RuleResult rule : before.rules()) {
      if (rule.family() == Family.MEMORY_EVENTS && rule.findings() > 0) {
        Finding first = before.findings().stream().filter(finding -> finding.rule().equals(rule.id())).findFirst().orElse(null);
        out.printf("   %-8s %-19s %,6d  %s%n", rule.severity().id(), rule.id(), rule.findings(), first == null ? "" : first.summary());
      }
    }
    out.println();
    printVmEntryFailure(before, out);
    TraceAnalysis after = counterfactual.after();
    out.printf("7. Replaying the same choices on Xen 4.9 (trapscope replay %s --set %s -o %s)%n", trace, XEN_4_9, replayed);
    if (counterfactual.parting() != null) {
      out.printf(
          "   the runs part at seq %,d: recorded %s, replayed %s%n",
          counterfactual.parting().seq(),
          counterfactual.parting().recorded() == null ? "nothing" : counterfactual.parting().recorded().kind(),
          counterfactual.parting().replayed() == null ? "nothing" : counterfactual.parting().replayed().kind());
    }
    for (RuleResult rule : before.rules()) {
      long now = findings(after, rule.id());
      if (rule.family() == Family.MEMORY_EVENTS && (rule.findings() > 0 || now > 0)) {
        out.printf("   %-19s %,6d -> %,d%n", rule.id(), rule.findings(), now);
      }
    }
    out.println(
        DemoCommand.wrap(
            "No failed VM entry on Xen 4.9: hvm_do_resume no longer injects over a pending event (9864841914). It drops the "
                + "agent's injection instead, silently, so the agent must notice and inject again once the pending event is delivered.",
            100,
            "   "));
    out.println();
    return new Result(before, after, trace, replayed);
  }

  private static void printVmEntryFailure(TraceAnalysis analysis, PrintWriter out) {
    Finding fault = analysis.findings().stream().filter(finding -> finding.rule().equals(VMENTRY_FAILURE)).findFirst().orElse(null);
    if (fault == null) {
      return;
    }
    out.printf("   The failed VM entry on vCPU %d: its events, the inject slot and the pending event after each%n%n", fault.vcpu());
    for (String line : InjectionTimeline.text(fault, TIMELINE_ROWS_BEFORE)) {
      out.println("   " + line);
    }
    out.println();
    out.println(DemoCommand.wrap(fault.explanation(), 100, "   "));
    Fix fix = fault.fixes().stream().filter(Fix::applies).findFirst().orElse(null);
    if (fix != null) {
      out.printf("%n   Known fix: %s (%s)%n", fix.title(), fix.id());
    }
    out.println();
  }

  private static long findings(TraceAnalysis analysis, String rule) {
    return analysis.rules().stream().filter(result -> result.id().equals(rule)).mapToLong(RuleResult::findings).sum();
  }
}
