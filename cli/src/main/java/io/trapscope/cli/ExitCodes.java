package io.trapscope.cli;

/** The process exit codes of every subcommand. */
final class ExitCodes {
  static final int OK = 0;
  /** {@code analyze}: a finding at or above {@code --fail-on}. */
  static final int FINDINGS = 1;
  /** Bad input or usage: a malformed scenario or trace, a missing file, an unknown option. */
  static final int BAD_INPUT = 2;
  /** {@code replay}: the replay parted from the recording. */
  static final int DIVERGED = 3;
  /** {@code analyze}: nothing found, but the trace cannot prove it (cut short, or a rule not applicable). */
  static final int UNKNOWN = 4;
  /** Something went wrong inside trapscope: a bug, please report it with the seed. */
  static final int INTERNAL = 70;

  private ExitCodes() {}
}
