package io.trapscope.analyzer;

import io.trapscope.analyzer.engine.Event;
import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.Manifest;
import io.trapscope.formats.PrefetchingReader;
import io.trapscope.formats.StringDictionary;
import io.trapscope.formats.Table.Events;
import io.trapscope.formats.Table;
import io.trapscope.formats.TraceFormat;
import io.trapscope.formats.TraceFormatException;
import io.trapscope.formats.TraceReader;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.ScenarioCodec;
import io.trapscope.model.scenario.ScenarioException;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Family;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Analyses a trace: streams its events once through a {@link RunAnalysis} and decides a verdict. Reads only
 * the trace's files; memory is a batch, one entry per vCPU and live task, and the findings kept for reports.
 */
public final class Analyzer {
  private Analyzer() {}

  /** Analyses the trace at {@code trace} (verifying its checksums first). */
  public static TraceAnalysis analyze(Path trace, AnalysisOptions options, FindingListener listener) {
    return analyze(trace, options, listener, events -> {});
  }

  /** As {@link #analyze(Path, AnalysisOptions, FindingListener)}, reporting events done after each batch. */
  public static TraceAnalysis analyze(Path trace, AnalysisOptions options, FindingListener listener, LongConsumer progress) {
    TraceReader reader = TraceReader.open(trace);
    Manifest manifest = reader.manifest();
    Scenario scenario = scenarioOf(reader);
    RunAnalysis analysis = new RunAnalysis(scenario, options, listener);
    SortedMap<String, Long> countsByName = new TreeMap<>();
    Path eventsFile = reader.file(Table.EVENTS, TraceFormat.PARQUET);
    long events = 0;
    try (PrefetchingReader table = new PrefetchingReader(reader.openTable(Table.EVENTS), Table.EVENTS, ColumnBatch.CAPACITY_DEFAULT)) {
      StringDictionary names = null;
      EventKind[] kindOfCode = new EventKind[0];
      long[] codeCounts = new long[0];
      Event event = new Event();
      for (ColumnBatch batch = table.next(); batch != null; batch = table.next()) {
        names = batch.dictionary(Events.KIND);
        if (kindOfCode.length < names.size()) {
          kindOfCode = grow(kindOfCode, names);
          codeCounts = java.util.Arrays.copyOf(codeCounts, names.size());
        }
        long[] seq = batch.column(Events.SEQ);
        long[] tick = batch.column(Events.TICK);
        long[] vcpu = batch.column(Events.VCPU);
        long[] task = batch.column(Events.TASK);
        long[] kind = batch.column(Events.KIND);
        long[] ts = batch.column(Events.TS);
        long[] owner = batch.column(Events.FPU_OWNER);
        long[] value = batch.column(Events.VALUE);
        long[] aux = batch.column(Events.AUX);
        for (int row = 0; row < batch.size(); row++) {
          int code = (int) kind[row];
          event.seq = seq[row];
          event.tick = tick[row];
          event.vcpu = (int) vcpu[row];
          event.task = (int) task[row];
          event.kind = kindOfCode[code];
          event.kindName = names.value(code);
          event.ts = ts[row] != 0;
          event.fpuOwner = (int) owner[row];
          event.value = value[row];
          event.aux = aux[row];
          codeCounts[code]++;
          try {
            analysis.accept(event);
          } catch (IllegalArgumentException | IllegalStateException e) {
            throw new TraceFormatException(eventsFile, "row " + event.seq + ": " + e.getMessage() + " (not a trace trapscope can analyse)");
          }
        }
        events += batch.size();
        progress.accept(events);
      }
      for (int code = 0; code < codeCounts.length; code++) {
        if (codeCounts[code] > 0 && names != null) {
          countsByName.put(names.value(code), codeCounts[code]);
        }
      }
      if (!countsByName.equals(new TreeMap<>(manifest.eventKinds()))) {
        throw new TraceFormatException(
            reader.directory().resolve(Manifest.FILE_NAME), "eventKinds disagree with events.parquet (edited or damaged?)");
      }
      return analysis.finish(trace.toString(), manifest.seed(), manifest.run(), declaredFamilies(manifest));
    } catch (UncheckedIOException e) {
      throw new TraceFormatException(eventsFile, "cannot write findings: " + e.getCause().getMessage(), e);
    }
  }

  /** The families the manifest declares, by id (ids of families this version does not know are passed over); null if it declares none. */
  private static List<Family> declaredFamilies(Manifest manifest) {
    if (manifest.families() == null) {
      return null;
    }
    List<Family> declared = new ArrayList<>();
    for (String id : manifest.families()) {
      Family family = Family.byId(id);
      if (family != null) {
        declared.add(family);
      }
    }
    return declared;
  }

  /**
   * The manifest's resolved scenario, typed, so that what a report describes is the machine that ran;
   * a scenario this version cannot bind is a {@link io.trapscope.model.scenario.ScenarioException} naming the manifest.
   */
  public static Scenario scenarioOf(TraceReader reader) {
    return ScenarioCodec.fromTree(reader.manifest().scenario(), reader.directory().resolve(Manifest.FILE_NAME) + " (scenario)");
  }

  private static EventKind[] grow(EventKind[] kinds, StringDictionary names) {
    EventKind[] grown = java.util.Arrays.copyOf(kinds, names.size());
    for (int code = kinds.length; code < grown.length; code++) {
      grown[code] = EventKind.byName(names.value(code));
    }
    return grown;
  }
}
