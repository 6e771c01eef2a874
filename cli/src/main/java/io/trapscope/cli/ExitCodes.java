package io.trapscope.cli;

/** The process exit codes of every subcommand. */
final class ExitCodes {
  static final int OK = 0;
  /** Bad input or usage: a malformed scenario or trace, a missing file, an unknown option. */
  static final int BAD_INPUT = 2;
  /** Something went wrong inside trapscope: a bug, please report it with the seed. */
  static final int INTERNAL = 70;

  private ExitCodes() {}
}
