package io.trapscope.replayer;

import io.trapscope.analyzer.AnalysisOptions;
import io.trapscope.analyzer.Analyzer;
import io.trapscope.analyzer.FindingListener;
import io.trapscope.analyzer.TraceAnalysis;
import io.trapscope.emulator.Machine;
import io.trapscope.emulator.RunResult;
import io.trapscope.formats.Manifest;
import io.trapscope.formats.Table;
import io.trapscope.formats.TraceFormat;
import io.trapscope.formats.TraceFormatException;
import io.trapscope.formats.TraceReader;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.ScenarioCodec;
import io.trapscope.recorder.ProgressListener;
import io.trapscope.recorder.RecordOptions;
import io.trapscope.recorder.Recorder;
import io.trapscope.recorder.Recording;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Replays traces: exactly, to check that they reproduce, or against a changed scenario, to see what changes. */
public final class Replayer {
  private Replayer() {}

  /**
   * Re-executes the trace's scenario answering every choice from its log, and compares every event and
   * trap with the recorded ones. The trace is verified (schema version, sizes, checksums) first.
   */
  public static ReplayResult replay(Path trace, ProgressListener progress) {
    TraceReader reader = TraceReader.open(trace);
    requireThisModel(reader);
    Manifest manifest = reader.manifest();
    Scenario scenario = scenarioOf(reader);
    try (ChoiceLog log = new ChoiceLog(reader);
        ReplayComparator comparator = new ReplayComparator(reader, true)) {
      LoggedChoiceSource choices = new LoggedChoiceSource(log, scenario.seed(), comparator::seq);
      comparator.choices(choices);
      ProgressingSink sink = new ProgressingSink(comparator, progress);
      try {
        RunResult run = new Machine(scenario, choices, sink).run();
        comparator.finish(manifest.run().endReason(), manifest.run().ticks(), run.endReason().name(), run.ticks());
        if (comparator.divergence() == null && log.untaken(manifest.rows(Table.CHOICES)) > 0) {
          return new ReplayResult(
              trace.toString(),
              comparator.seq(),
              manifest.rows(Table.TRAPS),
              log.taken(),
              new Divergence(
                  comparator.seq(),
                  null,
                  null,
                  List.of(),
                  List.of(),
                  "every event is identical, but " + log.untaken(manifest.rows(Table.CHOICES)) + " recorded choices were never asked for",
                  choices.lastAnswered(),
                  choices.firstMismatch()));
        }
      } catch (ReplayComparator.Diverged diverged) {
        // The comparator holds the divergence; the machine stopped at it.
      } catch (IllegalArgumentException e) {
        throw new TraceFormatException(reader.file(Table.CHOICES, TraceFormat.PARQUET), e.getMessage(), e);
      }
      return new ReplayResult(trace.toString(), comparator.seq(), manifest.rows(Table.TRAPS), log.taken(), comparator.divergence());
    }
  }

  /**
   * Replays the trace's recorded choices against its scenario changed by {@code overrides}, writes the new
   * run as an ordinary trace at {@code target}, and analyses both.
   */
  public static CounterfactualResult counterfactual(
      Path trace, List<String> overrides, Path target, RecordOptions options, ProgressListener progress) throws IOException {
    TraceReader reader = TraceReader.open(trace);
    requireThisModel(reader);
    Manifest manifest = reader.manifest();
    Scenario changed =
        ScenarioCodec.parse(ScenarioCodec.toJson(scenarioOf(reader)), "--set", overrides, null);
    Recording recording;
    long reused;
    long drawn;
    Divergence parting;
    try (ChoiceLog log = new ChoiceLog(reader);
        ReplayComparator comparator = new ReplayComparator(reader, false)) {
      LoggedChoiceSource choices = new LoggedChoiceSource(log, changed.seed(), comparator::seq);
      comparator.choices(choices);
      try {
        recording = Recorder.record(changed, choices, target, options, progress, comparator);
      } catch (IllegalArgumentException e) {
        throw new TraceFormatException(reader.file(Table.CHOICES, TraceFormat.PARQUET), e.getMessage(), e);
      }
      comparator.finish(
          manifest.run().endReason(), manifest.run().ticks(), recording.run().endReason().name(), recording.run().ticks());
      parting = comparator.divergence();
      reused = log.taken();
      drawn = choices.drawn();
    }
    TraceAnalysis before = Analyzer.analyze(reader.directory(), AnalysisOptions.defaults(), FindingListener.NONE);
    TraceAnalysis after = Analyzer.analyze(recording.trace(), AnalysisOptions.defaults(), FindingListener.NONE);
    long logged = manifest.rows(Table.CHOICES);
    return new CounterfactualResult(
        trace.toString(), overrides, recording.trace(), recording.manifest().rows(Table.EVENTS), parting, reused, drawn, logged - reused, before, after);
  }

  private static Scenario scenarioOf(TraceReader reader) {
    return Analyzer.scenarioOf(reader);
  }

  /**
   * A trace recorded under other rules of the model cannot replay: its choices answer questions this model
   * asks differently, so the runs would part at once for a reason that is not a divergence. One line says so.
   */
  private static void requireThisModel(TraceReader reader) {
    int recorded = reader.manifest().modelVersionOrFirst();
    if (recorded != Scenario.MODEL_VERSION) {
      throw new TraceFormatException(
          reader.directory().resolve(Manifest.FILE_NAME),
          "recorded by model version " + recorded + " (trapscope " + reader.manifest().toolVersion() + "); this trapscope runs model version "
              + Scenario.MODEL_VERSION + ", whose rules differ, so it cannot replay it: analyze and inspect still read it, and "
              + "'trapscope record' of its scenario and seed gives a trace of this model");
    }
  }
}
