package io.trapscope.analyzer;

import java.util.Locale;

/** The outcome of analysing one trace. */
public enum Verdict {
  /** Every rule applied and none found anything at or above the threshold. */
  PASS,
  /** A finding at or above the threshold. */
  FAIL,
  /** Nothing found, but the trace cannot prove its absence: it was cut short, or a rule did not apply. */
  UNKNOWN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
