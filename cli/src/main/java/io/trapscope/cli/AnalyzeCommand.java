package io.trapscope.cli;

import io.trapscope.analyzer.AnalysisOptions;
import io.trapscope.analyzer.Analyzer;
import io.trapscope.analyzer.Families;
import io.trapscope.analyzer.FindingListener;
import io.trapscope.analyzer.FindingsParquet;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.TraceAnalysis;
import io.trapscope.analyzer.Verdict;
import io.trapscope.analyzer.engine.BugFamily;
import io.trapscope.analyzer.report.Reporter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trapscope analyze}: run every rule over one or more traces and report the findings. */
@Command(
    name = "analyze",
    header = "Flag TS violations and lost or colliding trap injections.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Flag lazy-FPU CR0.TS violations and lost or colliding trap injections in traces, each with its "
          + "evidence, its cause and the known fix."
    },
    footer = {
      "",
      "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad input or usage; "
          + "4 unknown (the trace was cut short, or a rule did not apply); 70 internal error.",
      "",
      "Examples:",
      "  trapscope analyze /tmp/t",
      "  trapscope analyze /tmp/t --format markdown -o report.md",
      "  trapscope analyze /tmp/a /tmp/b --fail-on warning --findings-parquet f.parquet"
    })
final class AnalyzeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Parameters(arity = "1..*", paramLabel = "TRACE", description = "Trace directories.")
  List<Path> traces;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "TEXT", description = "text, json or markdown (default: text).")
  Reporter format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output ('-' for standard output).")
  Path output;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "ERROR", description = "info, warning or error (default: error): findings at or above it fail.")
  Severity failOn;

  @Option(names = "--findings-parquet", paramLabel = "FILE", description = "Also write every finding as Parquet, one row per evidence event, joinable with events on seq.")
  Path findingsParquet;

  @Option(names = "--max-findings", paramLabel = "N", defaultValue = "100", description = "Findings of each rule kept for the report, 1 to " + AnalysisOptions.FINDINGS_KEPT_MAX + " (default: ${DEFAULT-VALUE}); all are counted.")
  int maxFindings;

  @Override
  public Integer call() throws Exception {
    if (maxFindings < 1 || maxFindings > AnalysisOptions.FINDINGS_KEPT_MAX) {
      throw new UserError(
          "--max-findings must be 1 to " + AnalysisOptions.FINDINGS_KEPT_MAX + ", not " + maxFindings
              + " (every finding is counted, and written by --findings-parquet, whatever it is)");
    }
    boolean toStandardOutput = output == null || output.toString().equals(OutputGuard.STANDARD_OUTPUT);
    // Checked before any analysis, so that a refused output leaves nothing behind, not even a partial file.
    if (!toStandardOutput) {
      OutputGuard.refuseInsideInputs(output, "-o", traces);
      OutputGuard.refuseNonRegular(output, "-o");
    }
    if (findingsParquet != null) {
      OutputGuard.refuseInsideInputs(findingsParquet, "--findings-parquet", traces);
      OutputGuard.refuseNonRegular(findingsParquet, "--findings-parquet");
    }
    AnalysisOptions options = new AnalysisOptions(failOn, maxFindings, AnalysisOptions.TIMELINES_DEFAULT);
    List<TraceAnalysis> analyses = new ArrayList<>();
    FindingsParquet parquet = findingsParquet == null ? null : new FindingsParquet(findingsParquet);
    try (ProgressLine progress = ProgressLine.forStandardError(spec.commandLine().getErr(), "analyzing")) {
      for (Path trace : traces) {
        if (parquet != null) {
          parquet.startTrace(trace.toString());
        }
        FindingListener listener = parquet == null ? FindingListener.NONE : parquet;
        analyses.add(Analyzer.analyze(trace, options, listener, events -> progress.progress(events, 0)));
        warnIfAnEarlierModel(trace);
      }
      if (parquet != null) {
        parquet.finish();
      }
    } finally {
      if (parquet != null) {
        parquet.close();
      }
    }
    StringWriter report = new StringWriter();
    format.render(analyses, failOn, new PrintWriter(report));
    if (toStandardOutput) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(report);
      out.flush();
    } else {
      Outputs.write(output, report.toString());
    }
    return exitCode(analyses);
  }

  static int exitCode(List<TraceAnalysis> analyses) {
    if (analyses.stream().anyMatch(analysis -> analysis.verdict() == Verdict.FAIL)) {
      return ExitCodes.FINDINGS;
    }
    if (analyses.stream().anyMatch(analysis -> analysis.verdict() == Verdict.UNKNOWN)) {
      return ExitCodes.UNKNOWN;
    }
    return ExitCodes.OK;
  }

  /** Adds the rules, family by family, to the command's help, from the registry so that it cannot drift. */
  static void describeRules(CommandSpec spec) {
    List<String> description = new ArrayList<>(List.of(spec.usageMessage().description()));
    for (BugFamily family : Families.all()) {
      String members =
          family.newRules().stream()
              .map(rule -> rule.id() + " (" + rule.severity().id() + ")")
              .collect(Collectors.joining(", "));
      description.add("Rules, " + family.family().title() + ": " + members + ".");
    }
    spec.usageMessage().description(description.toArray(String[]::new));
  }

  /**
   * A trace of an earlier model tells that model's story, which for injections is not what released Xen
   * does (docs/SCENARIOS.md): say so on standard error, once per trace, rather than let a report mislead.
   */
  private void warnIfAnEarlierModel(Path trace) {
    int recorded = io.trapscope.formats.ManifestCodec.read(trace).modelVersionOrFirst();
    if (recorded < io.trapscope.model.scenario.Scenario.MODEL_VERSION) {
      spec.commandLine().getErr().printf(
          "trapscope: warning: %s was recorded by model version %d, whose injection rules predate the released-Xen model "
              + "(version %d): its memory-event findings follow the old rules; record its scenario again for findings that match Xen%n",
          trace, recorded, io.trapscope.model.scenario.Scenario.MODEL_VERSION);
    }
  }
}
