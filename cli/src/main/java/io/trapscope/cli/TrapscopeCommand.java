package io.trapscope.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: lists the subcommands. */
@Command(
    name = "trapscope",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Record emulated virtualization workloads into columnar traces, replay them, and analyze them for "
          + "lazy-FPU CR0.TS violations and lost or colliding trap injections."
    },
    subcommands = {DemoCommand.class, RecordCommand.class, AnalyzeCommand.class, ReplayCommand.class, InspectCommand.class, ScenariosCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0   success",
      "  1   analyze: findings at or above --fail-on",
      "  2   bad input or usage: the message names the file and what is wrong",
      "  3   replay: the replay parted from the recording",
      "  4   analyze: unknown (the trace was cut short, or a rule did not apply)",
      "  70  internal error: please report it with the command line and the seed",
      "",
      "Start with:  trapscope demo"
    })
final class TrapscopeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand (demo, record, analyze, replay, inspect or scenarios)");
  }
}
