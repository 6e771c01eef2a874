package io.trapscope.analyzer;

import java.util.Locale;

/** How bad a finding is; ordered, so that {@code --fail-on} can compare. */
public enum Severity {
  INFO,
  WARNING,
  ERROR;

  /** The name used in reports and on the command line: {@code info}, {@code warning}, {@code error}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(Severity threshold) {
    return compareTo(threshold) >= 0;
  }
}
