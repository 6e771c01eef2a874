package io.trapscope.analyzer;

import io.trapscope.analyzer.report.Reporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Analyses a trace, streaming every finding to Parquet: run in a child JVM with a small heap. */
public final class AnalyzeInSmallHeap {
  private AnalyzeInSmallHeap() {}

  public static void main(String[] args) throws Exception {
    Path trace = Path.of(args[0]);
    TraceAnalysis analysis;
    try (FindingsParquet parquet = new FindingsParquet(Path.of(args[1]))) {
      parquet.startTrace(args[0]);
      analysis = Analyzer.analyze(trace, AnalysisOptions.defaults(), parquet);
      parquet.finish();
    }
    PrintWriter out = new PrintWriter(System.out, true);
    Reporter.JSON.render(List.of(analysis), Severity.ERROR, new PrintWriter(java.io.Writer.nullWriter()));
    out.println("events " + analysis.events());
    out.println("findings " + analysis.findingsTotal());
    out.println("max heap " + Runtime.getRuntime().maxMemory());
  }
}
