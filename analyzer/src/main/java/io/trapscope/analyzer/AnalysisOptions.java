package io.trapscope.analyzer;

/**
 * How to analyse.
 *
 * @param failOn findings at or above this severity fail the trace
 * @param findingsKeptPerRule findings of each rule kept in full for reports; the rest are counted (and
 *     streamed to a {@link FindingListener}), so memory stays bounded however many there are
 * @param timelinesPerRule findings of each rule that get a timeline of their window
 */
public record AnalysisOptions(Severity failOn, int findingsKeptPerRule, int timelinesPerRule) {
  public static final int FINDINGS_KEPT_DEFAULT = 100;
  public static final int TIMELINES_DEFAULT = 3;

  public static AnalysisOptions defaults() {
    return new AnalysisOptions(Severity.ERROR, FINDINGS_KEPT_DEFAULT, TIMELINES_DEFAULT);
  }

  public AnalysisOptions withFailOn(Severity severity) {
    return new AnalysisOptions(severity, findingsKeptPerRule, timelinesPerRule);
  }
}
