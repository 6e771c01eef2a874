package io.trapscope.recorder;

import io.trapscope.emulator.EventSink;
import io.trapscope.emulator.Machine;
import io.trapscope.emulator.RunResult;
import io.trapscope.emulator.choice.ChoiceSource;
import io.trapscope.emulator.choice.RandomChoiceSource;
import io.trapscope.formats.Manifest;
import io.trapscope.formats.TraceFormat;
import io.trapscope.formats.TraceWriter;
import io.trapscope.formats.WriterOptions;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.ScenarioCodec;
import io.trapscope.model.vocabulary.Family;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs a scenario and writes its trace. */
public final class Recorder {
  /** Footer key holding the seed in every data file. */
  public static final String METADATA_SEED = "trapscope.seed";

  private Recorder() {}

  /** Records {@code scenario} with choices drawn from its seed. */
  public static Recording record(Scenario scenario, Path target, RecordOptions options, ProgressListener progress)
      throws IOException {
    return record(scenario, new RandomChoiceSource(scenario.seed()), target, options, progress);
  }

  /**
   * Records {@code scenario} with choices from {@code choices}: a replayer passes a recorded log here to
   * write a counterfactual trace.
   */
  public static Recording record(
      Scenario scenario, ChoiceSource choices, Path target, RecordOptions options, ProgressListener progress)
      throws IOException {
    return record(scenario, choices, target, options, progress, null);
  }

  /**
   * As {@link #record(Scenario, ChoiceSource, Path, RecordOptions, ProgressListener)}, also telling {@code
   * tee} every event, trap and choice after the trace has it: a replayer compares the new run with an old one.
   */
  public static Recording record(
      Scenario scenario, ChoiceSource choices, Path target, RecordOptions options, ProgressListener progress, EventSink tee)
      throws IOException {
    String scenarioJson = ScenarioCodec.toJson(scenario);
    WriterOptions writerOptions =
        WriterOptions.defaults()
            .withCompression(options.compression())
            .withMetadata(
                Map.of(
                    Manifest.METADATA_SCHEMA_VERSION, Integer.toString(Manifest.SCHEMA_VERSION),
                    Manifest.METADATA_SCENARIO, scenarioJson,
                    METADATA_SEED, Long.toString(scenario.seed())));
    Set<TraceFormat> extra = options.arrow() ? Set.of(TraceFormat.ARROW) : Set.of();
    TraceWriter writer = TraceWriter.create(target, extra, writerOptions, options.replace());
    try (TraceSink sink = new TraceSink(writer, progress)) {
      RunResult run;
      try {
        run = new Machine(scenario, choices, tee == null ? sink : new TeeSink(sink, tee)).run();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } catch (IllegalStateException e) {
        throw new IllegalStateException(e.getMessage() + " (seed " + scenario.seed() + ")", e);
      }
      sink.finish();
      Manifest manifest =
          writer.finish(
              new Manifest(
                  Manifest.FORMAT,
                  Manifest.SCHEMA_VERSION,
                  Version.current(),
                  Scenario.MODEL_VERSION,
                  scenario.seed(),
                  ScenarioCodec.toTree(scenario),
                  scenario.families().stream().map(Family::id).toList(),
                  new Manifest.Run(run.endReason().name(), run.ticks(), run.workloadFinished()),
                  List.of(),
                  sink.kindCounts()));
      return new Recording(writer.target(), manifest, run);
    } finally {
      writer.abort();
    }
  }
}
