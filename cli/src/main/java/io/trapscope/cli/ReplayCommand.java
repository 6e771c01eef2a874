package io.trapscope.cli;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.RuleResult;
import io.trapscope.formats.WriterOptions;
import io.trapscope.recorder.RecordOptions;
import io.trapscope.replayer.CounterfactualResult;
import io.trapscope.replayer.Divergence;
import io.trapscope.replayer.ReplayResult;
import io.trapscope.replayer.Replayer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trapscope replay}: re-execute a trace exactly, or its choices against a changed scenario. */
@Command(
    name = "replay",
    header = "Replay a trace exactly, or its choices on a changed model.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Re-execute a trace's recorded choices and compare every event with the recording (exit 3 on the "
          + "first divergence); or, with --set and -o, replay the same choices against a changed scenario and "
          + "show where the runs part and what the analyzer finds before and after."
    },
    footer = {
      "",
      "Exit codes: 0 identical (or a counterfactual written); 2 bad input or usage; 3 diverged; "
          + "70 internal error.",
      "",
      "Examples:",
      "  trapscope replay /tmp/t",
      "  trapscope replay /tmp/t --set machine.patches=konrad-stts -o /tmp/fixed",
      "  trapscope replay /tmp/t --set machine.kernel=linux-4.2 -o /tmp/k42 --json"
    })
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "TRACE", description = "A trace directory.")
  Path trace;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Change a scenario field for a counterfactual replay; repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "NEW", description = "Where to write the counterfactual run's trace.")
  Path output;

  @Option(names = "--force", description = "Replace an existing trace at NEW.")
  boolean force;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!overrides.isEmpty() && output == null) {
      throw new UserError("a counterfactual replay (--set) writes a new trace: give it a place with -o NEW");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output != null) {
      OutputGuard.refuseOverInputs(output, "-o", List.of(trace));
      CounterfactualResult result;
      try (ProgressLine progress = ProgressLine.forStandardError(spec.commandLine().getErr(), "replaying")) {
        result = Replayer.counterfactual(trace, overrides, output, new RecordOptions(false, force, WriterOptions.Compression.ZSTD), progress);
      }
      if (json) {
        out.print(Json.write(result));
      } else {
        printCounterfactual(result, out);
      }
      out.flush();
      return ExitCodes.OK;
    }
    ReplayResult result;
    try (ProgressLine progress = ProgressLine.forStandardError(spec.commandLine().getErr(), "replaying")) {
      result = Replayer.replay(trace, progress);
    }
    if (json) {
      out.print(Json.write(result));
    } else if (result.identical()) {
      out.printf("replayed %,d events: identical (%,d traps, %,d choices)%n", result.events(), result.traps(), result.choices());
    } else {
      out.printf("replayed %,d events: DIVERGED%n", result.events());
      printDivergence(result.divergence(), out, "");
    }
    out.flush();
    return result.identical() ? ExitCodes.OK : ExitCodes.DIVERGED;
  }

  static void printDivergence(Divergence divergence, PrintWriter out, String indent) {
    out.printf("%sfirst divergent event: seq %d%n", indent, divergence.seq());
    if (divergence.reason() != null) {
      out.printf("%s  %s%n", indent, divergence.reason());
    }
    if (divergence.recorded() != null || divergence.replayed() != null) {
      out.printf("%s  %-10s %-22s %-22s%n", indent, "column", "recorded", "replayed");
      for (String column : List.of("seq", "tick", "vcpu", "task", "kind", "ts", "fpu_owner", "value", "aux")) {
        String recorded = cell(divergence.recorded(), column);
        String replayed = cell(divergence.replayed(), column);
        String mark = divergence.columns().contains(column) || divergence.recorded() == null || divergence.replayed() == null ? "  <==" : "";
        out.printf("%s  %-10s %-22s %-22s%s%n", indent, column, recorded, replayed, mark);
      }
    }
    if (divergence.choice() != null) {
      out.printf("%schoice in play: %s%n", indent, divergence.choice());
    }
    if (divergence.choiceMismatch() != null) {
      out.printf("%sfirst choice out of step: %s%n", indent, divergence.choiceMismatch());
    }
    if (!divergence.tail().isEmpty()) {
      out.printf("%slast %d events before it (identical in both):%n", indent, divergence.tail().size());
      out.printf("%s  %8s %8s %4s %5s %-16s %2s %9s %12s %12s%n", indent, "seq", "tick", "vcpu", "task", "kind", "ts", "fpu_owner", "value", "aux");
      for (EvidenceRow row : divergence.tail()) {
        out.printf(
            "%s  %8d %8d %4d %5d %-16s %2d %9d %12d %12d%n",
            indent, row.seq(), row.tick(), row.vcpu(), row.task(), row.kind(), row.ts() ? 1 : 0, row.fpuOwner(), row.value(), row.aux());
      }
    }
  }

  private static String cell(EvidenceRow row, String column) {
    if (row == null) {
      return "(none)";
    }
    switch (column) {
      case "seq":
        return Long.toString(row.seq());
      case "tick":
        return Long.toString(row.tick());
      case "vcpu":
        return Integer.toString(row.vcpu());
      case "task":
        return Integer.toString(row.task());
      case "kind":
        return row.kind();
      case "ts":
        return Boolean.toString(row.ts());
      case "fpu_owner":
        return Integer.toString(row.fpuOwner());
      case "value":
        return Long.toString(row.value());
      default:
        return Long.toString(row.aux());
    }
  }

  private static void printCounterfactual(CounterfactualResult result, PrintWriter out) {
    out.printf(
        "replayed %s with %s: %,d events -> %s%n", result.trace(), String.join(" ", result.overrides()), result.events(), result.newTrace());
    if (result.parting() == null) {
      out.println("  the runs never part: the change made no difference to any event");
    } else {
      out.printf("  the runs part at seq %d:%n", result.parting().seq());
      printDivergence(result.parting(), out, "    ");
    }
    out.printf(
        "  choices: %,d reused from the recording, %,d drawn fresh, %,d recorded but never asked for%n",
        result.reused(), result.drawn(), result.unused());
    out.printf("  findings: %s -> %s%n", result.before().verdict().name(), result.after().verdict().name());
    for (int index = 0; index < result.before().rules().size(); index++) {
      RuleResult before = result.before().rules().get(index);
      RuleResult after = result.after().rules().get(index);
      if (!before.inScope() && !after.inScope()) {
        continue;
      }
      out.printf("    %-19s %,6d -> %,d%n", before.id(), before.findings(), after.findings());
    }
  }
}
