package io.trapscope.cli;

import io.trapscope.analyzer.AnalysisOptions;
import io.trapscope.analyzer.Analyzer;
import io.trapscope.analyzer.FindingListener;
import io.trapscope.analyzer.FindingsParquet;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.TraceAnalysis;
import io.trapscope.analyzer.Verdict;
import io.trapscope.analyzer.report.Reporter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trapscope analyze}: run every rule over one or more traces and report the findings. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Flag lazy-FPU TS violations in traces, with evidence, the cause and the known fix.",
      "Rules: FPU_STATE_LEAK (error), NM_NESTED (error), TS_CLEAR_AT_SWITCH (warning), NM_SCHED_WINDOW (warning)."
    },
    footer = {
      "",
      "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad input or usage;",
      "4 unknown (the trace was cut short, or a rule did not apply); 70 internal error.",
      "",
      "Examples:",
      "  trapscope analyze /tmp/t",
      "  trapscope analyze /tmp/t --format markdown -o report.md",
      "  trapscope analyze /tmp/a /tmp/b --fail-on warning --findings-parquet findings.parquet"
    })
final class AnalyzeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Parameters(arity = "1..*", paramLabel = "TRACE", description = "Trace directories.")
  List<Path> traces;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "TEXT", description = "text, json or markdown (default: text).")
  Reporter format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "ERROR", description = "info, warning or error (default: error): findings at or above it fail.")
  Severity failOn;

  @Option(names = "--findings-parquet", paramLabel = "FILE", description = "Also write every finding as Parquet, one row per evidence event, joinable with events on seq.")
  Path findingsParquet;

  @Option(names = "--max-findings", paramLabel = "N", defaultValue = "100", description = "Findings of each rule kept for the report (default: ${DEFAULT-VALUE}); all are counted.")
  int maxFindings;

  @Override
  public Integer call() throws Exception {
    if (maxFindings < 1) {
      throw new UserError("--max-findings must be at least 1");
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
    if (output == null) {
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
}
