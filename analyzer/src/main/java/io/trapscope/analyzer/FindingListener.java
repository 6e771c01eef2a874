package io.trapscope.analyzer;

/** Told every finding as it is found, kept for reports or not; used to stream findings to a file. */
@FunctionalInterface
public interface FindingListener {
  FindingListener NONE = finding -> {};

  void finding(Finding finding) throws java.io.IOException;
}
