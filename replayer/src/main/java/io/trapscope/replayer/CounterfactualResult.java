package io.trapscope.replayer;

import io.trapscope.analyzer.TraceAnalysis;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of replaying a trace's choices against a changed scenario.
 *
 * @param trace the original trace
 * @param overrides the changes, as {@code path=value}
 * @param newTrace where the new run's trace was written
 * @param events events of the new run
 * @param parting where the two runs part, or null if the change made no difference to any event
 * @param reused recorded choices answered from the log
 * @param drawn questions the log could not answer, drawn fresh from the run's seed
 * @param unused recorded choices the new run never asked for
 * @param before the analysis of the original trace
 * @param after the analysis of the new one
 */
public record CounterfactualResult(
    String trace,
    List<String> overrides,
    Path newTrace,
    long events,
    Divergence parting,
    long reused,
    long drawn,
    long unused,
    TraceAnalysis before,
    TraceAnalysis after) {

  public CounterfactualResult {
    overrides = List.copyOf(overrides);
  }
}
