package io.trapscope.analyzer.report;

import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.TraceAnalysis;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The report formats, each rendering one or more analyses. */
public enum Reporter {
  TEXT {
    @Override
    public void render(List<TraceAnalysis> analyses, Severity failOn, PrintWriter out) {
      TextReport.render(analyses, out);
    }
  },
  JSON {
    @Override
    public void render(List<TraceAnalysis> analyses, Severity failOn, PrintWriter out) {
      JsonReport.render(analyses, failOn, out);
    }
  },
  MARKDOWN {
    @Override
    public void render(List<TraceAnalysis> analyses, Severity failOn, PrintWriter out) {
      MarkdownReport.render(analyses, out);
    }
  };

  public abstract void render(List<TraceAnalysis> analyses, Severity failOn, PrintWriter out);

  /** The name on the command line: {@code text}, {@code json}, {@code markdown}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
