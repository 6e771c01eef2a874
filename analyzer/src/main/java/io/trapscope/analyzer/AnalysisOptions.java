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
  /**
   * The most findings of one rule kept in full: each holds its evidence rows and strings, a few kilobytes,
   * and there are some twenty rules, so an unbounded value would let a command line size the heap. Ten
   * times the default is more than a report is read for; {@code --findings-parquet} holds every finding
   * whatever this is.
   */
  public static final int FINDINGS_KEPT_MAX = 1000;
  public static final int TIMELINES_DEFAULT = 3;

  public AnalysisOptions {
    if (findingsKeptPerRule < 1 || findingsKeptPerRule > FINDINGS_KEPT_MAX) {
      throw new IllegalArgumentException(
          "findings kept per rule must be 1 to " + FINDINGS_KEPT_MAX + ", not " + findingsKeptPerRule);
    }
    // Only the kept findings get timelines, so the bound above bounds those too.
    if (timelinesPerRule < 0) {
      throw new IllegalArgumentException("timelines per rule must not be negative, not " + timelinesPerRule);
    }
  }

  public static AnalysisOptions defaults() {
    return new AnalysisOptions(Severity.ERROR, FINDINGS_KEPT_DEFAULT, TIMELINES_DEFAULT);
  }

  public AnalysisOptions withFailOn(Severity severity) {
    return new AnalysisOptions(severity, findingsKeptPerRule, timelinesPerRule);
  }
}
