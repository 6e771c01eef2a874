package io.trapscope.cli;

import picocli.CommandLine.Option;

/** Options every subcommand takes. */
final class CommonOptions {
  @Option(names = "--stacktrace", description = "On an error, print the Java stack trace too.")
  boolean stacktrace;
}
