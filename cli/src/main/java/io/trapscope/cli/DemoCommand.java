package io.trapscope.cli;

import io.trapscope.analyzer.AnalysisOptions;
import io.trapscope.analyzer.Analyzer;
import io.trapscope.analyzer.Finding;
import io.trapscope.analyzer.FindingListener;
import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.RuleResult;
import io.trapscope.analyzer.TraceAnalysis;
import io.trapscope.analyzer.Verdict;
import io.trapscope.analyzer.report.Reporter;
import io.trapscope.analyzer.report.Timeline;
import io.trapscope.formats.Table;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.recorder.ProgressListener;
import io.trapscope.recorder.RecordOptions;
import io.trapscope.recorder.Recorder;
import io.trapscope.recorder.Recording;
import io.trapscope.recorder.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trapscope demo}: both bugs from end to end. Xen bug #40: records the seed's case, finds the leak and
 * shows its timeline, records the same seed with Konrad's patch and shows the leak gone. Xen's 2011 INT3/CRx capture: an
 * injection that becomes a double fault on Xen 4.1, and the same choices on Xen 4.9.
 */
@Command(
    name = "demo",
    header = "Reproduce both bugs, explain them, and show them fixed.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Reproduce both bugs and show their fixes: Xen bug #40 (lazy-FPU corruption under Xen PV), "
          + "recorded, analyzed, and recorded again with konrad-stts; then an introspection agent's "
          + "trap injection that becomes a double fault on Xen 4.1, and the same choices on Xen 4.9."
    })
final class DemoCommand implements Callable<Integer> {
  static final String SAMPLE = "fpu-memcmp";
  private static final int TIMELINE_SLICES = 5;

  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "trapscope-demo", description = "Where to put the traces and the report (default: ./${DEFAULT-VALUE}).")
  Path output;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path leak = output.resolve("leak");
    Path fixed = output.resolve("fixed");
    Path report = output.resolve("report.md");
    Scenario seedCase = ScenarioLoader.load(SAMPLE, List.of(), null);
    out.println("trapscope demo: two hypervisor bugs, reproduced from a seed, explained and fixed");
    out.println();
    out.println("Part 1. Xen bug #40: FPU state leaking between processes of a Xen PV guest");
    out.println();
    out.printf("1. Recording the bug report's case: %s (sample %s, seed %d)%n", describe(seedCase), SAMPLE, seedCase.seed());
    out.printf("   %s%n", record(seedCase, leak));
    TraceAnalysis before = Analyzer.analyze(leak, AnalysisOptions.defaults(), FindingListener.NONE);
    out.printf("2. Analyzing it: %s (%s)%n", before.verdict().name(), before.verdictReason());
    printRules(before, out);
    printFirstLeak(before, out);
    Scenario patched = ScenarioLoader.load(SAMPLE, List.of("machine.patches=konrad-stts"), null);
    out.printf("3. Recording the same seed with Konrad's patch (--set machine.patches=konrad-stts)%n");
    out.printf("   %s%n", record(patched, fixed));
    TraceAnalysis after = Analyzer.analyze(fixed, AnalysisOptions.defaults(), FindingListener.NONE);
    out.printf("4. Analyzing it: %s (%s)%n", after.verdict().name(), after.verdictReason());
    for (int index = 0; index < before.rules().size(); index++) {
      RuleResult was = before.rules().get(index);
      RuleResult now = after.rules().get(index);
      if (!was.inScope() && !now.inScope()) {
        continue;
      }
      out.printf("   %-19s %,6d -> %,d%n", was.id(), was.findings(), now.findings());
    }
    out.println();
    InjectionDemo.Result injection;
    try (ProgressLine progress = ProgressLine.forStandardError(spec.commandLine().getErr(), "replaying")) {
      injection = InjectionDemo.run(out, output, this::record, progress);
    }
    StringWriter markdown = new StringWriter();
    Reporter.MARKDOWN.render(
        List.of(before, after, injection.before(), injection.after()), AnalysisOptions.defaults().failOn(), new PrintWriter(markdown));
    Outputs.write(report, markdown.toString());
    out.printf("Traces: %s (the leak), %s (with the fix)%n", leak, fixed);
    out.printf("        %s (the failed VM entry), %s (its choices on Xen 4.9)%n", injection.trace(), injection.replayed());
    out.printf("Report: %s (Markdown, for a bug ticket)%n", report);
    out.printf("Next:   trapscope analyze %s --format markdown%n", injection.trace());
    out.printf("        SQL on %s: SELECT * FROM events WHERE kind = 'FPU_READ' AND fpu_owner <> task%n", leak.resolve("events.parquet"));
    out.printf("        SQL on %s: SELECT outcome, count(*) FROM traps WHERE source = 'listener' GROUP BY 1%n", injection.trace().resolve("traps.parquet"));
    out.flush();
    boolean asExpected = before.verdict() == Verdict.FAIL && after.verdict() == Verdict.PASS;
    if (!asExpected || !injection.asExpected()) {
      throw new IllegalStateException(
          "the demo did not show both bugs and their fixes (" + before.verdict() + ", " + after.verdict() + ", " + injection.before().verdict()
              + ", " + injection.after().verdict() + ")");
    }
    return ExitCodes.OK;
  }

  private static String describe(Scenario scenario) {
    return scenario.machine().hypervisor().id() + ", " + scenario.machine().kernel().id()
        + ", two shell loops starting fresh FPU processes";
  }

  String record(Scenario scenario, Path target) throws Exception {
    try (ProgressLine progress = ProgressLine.forStandardError(spec.commandLine().getErr(), "recording")) {
      ProgressListener listener = progress;
      Recording recording = Recorder.record(scenario, target, new RecordOptions(false, true, io.trapscope.formats.WriterOptions.Compression.ZSTD), listener);
      return String.format("%,d events -> %s", recording.manifest().rows(Table.EVENTS), recording.trace());
    }
  }

  private static void printRules(TraceAnalysis analysis, PrintWriter out) {
    for (RuleResult rule : analysis.rules()) {
      if (!rule.inScope()) {
        continue;
      }
      Finding first = analysis.findings().stream().filter(finding -> finding.rule().equals(rule.id())).findFirst().orElse(null);
      out.printf(
          "   %-8s %-19s %,6d  %s%n",
          rule.severity().id(), rule.id(), rule.findings(), first == null ? "" : "first at seq " + first.lastSeq() + ": " + first.summary());
    }
    out.println();
  }

  private static void printFirstLeak(TraceAnalysis analysis, PrintWriter out) {
    Finding leak = analysis.findings().stream().filter(finding -> finding.rule().equals("FPU_STATE_LEAK")).findFirst().orElse(null);
    if (leak == null) {
      return;
    }
    out.printf("   The first leak, on vCPU %d: each event in its task's column, with CR0.TS and the FPU owner after it%n%n", leak.vcpu());
    for (String line : Timeline.render(leak.timeline(), Timeline.notes(leak), TIMELINE_SLICES, Timeline.cast(leak))) {
      out.println("   " + line);
    }
    out.println();
    out.println(wrap(leak.explanation(), 100, "   "));
    Fix fix = leak.fixes().stream().filter(Fix::applies).findFirst().orElse(null);
    if (fix != null) {
      out.printf("%n   Known fix: %s (%s)%n", fix.title(), fix.id());
    }
    out.println();
  }

  static String wrap(String text, int width, String indent) {
    StringBuilder wrapped = new StringBuilder(indent);
    int column = indent.length();
    for (String word : text.split(" ")) {
      if (column + word.length() + 1 > width && column > indent.length()) {
        wrapped.append('\n').append(indent);
        column = indent.length();
      } else if (column > indent.length()) {
        wrapped.append(' ');
        column++;
      }
      wrapped.append(word);
      column += word.length();
    }
    return wrapped.toString();
  }
}
