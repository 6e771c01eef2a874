package io.trapscope.cli;

import io.trapscope.formats.Table;
import io.trapscope.formats.WriterOptions;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.recorder.RecordOptions;
import io.trapscope.recorder.Recorder;
import io.trapscope.recorder.Recording;
import io.trapscope.recorder.ScenarioLoader;
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

/** {@code trapscope record}: run a scenario and write its trace. */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run a scenario on the emulator and write its trace directory.",
    footer = {
      "",
      "Examples:",
      "  trapscope record fpu-memcmp -o /tmp/t",
      "  trapscope record fpu-memcmp -o /tmp/t --seed 7 --set machine.patches=konrad-stts --force",
      "  trapscope record my-scenario.json -o /tmp/t --arrow"
    })
final class RecordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario JSON file, or a sample's name (see 'trapscope scenarios').")
  String scenario;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Where to write the trace directory.")
  Path output;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a scenario field, e.g. machine.kernel=linux-4.2 (lists comma-separated); repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--seed", paramLabel = "N", description = "Use this seed instead of the scenario's.")
  Long seed;

  @Option(names = "--arrow", description = "Also write the tables as Arrow IPC files.")
  boolean arrow;

  @Option(names = "--force", description = "Replace an existing trace at DIR (never anything that is not a trace).")
  boolean force;

  @Option(
      names = "--compression",
      paramLabel = "CODEC",
      description = "Parquet compression: zstd, snappy, gzip or uncompressed (default: zstd).",
      defaultValue = "ZSTD")
  WriterOptions.Compression compression;

  @Override
  public Integer call() throws Exception {
    Scenario resolved = ScenarioLoader.load(scenario, overrides, seed);
    long started = System.nanoTime();
    Recording recording;
    try (ProgressLine progress = ProgressLine.forStandardError(spec.commandLine().getErr(), "recording")) {
      recording = Recorder.record(resolved, output, new RecordOptions(arrow, force, compression), progress);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    var manifest = recording.manifest();
    spec.commandLine()
        .getOut()
        .printf(
            "recorded %s (seed %d) to %s: %,d events, %,d traps, %,d choices in %.2f s; run %s%n",
            scenario,
            resolved.seed(),
            recording.trace(),
            manifest.rows(Table.EVENTS),
            manifest.rows(Table.TRAPS),
            manifest.rows(Table.CHOICES),
            seconds,
            describeEnd(recording));
    return ExitCodes.OK;
  }

  private static String describeEnd(Recording recording) {
    switch (recording.run().endReason()) {
      case COMPLETED:
        return "completed";
      case MAX_EVENTS:
        return "cut short at limits.maxEvents";
      case MAX_TICKS:
        return "cut short at limits.maxTicks";
      case DOMAIN_CRASH:
        return "ended: Xen crashed the domain";
      case DEADLOCK:
        return "ended: deadlock";
      default:
        return recording.run().endReason().name();
    }
  }
}
