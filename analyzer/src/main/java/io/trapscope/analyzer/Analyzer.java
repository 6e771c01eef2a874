package io.trapscope.analyzer;

import io.trapscope.analyzer.rules.Event;
import io.trapscope.analyzer.rules.Findings;
import io.trapscope.analyzer.rules.Kind;
import io.trapscope.analyzer.rules.Rule;
import io.trapscope.analyzer.rules.RuleEngine;
import io.trapscope.analyzer.rules.Rules;
import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.Manifest;
import io.trapscope.formats.StringDictionary;
import io.trapscope.formats.Table;
import io.trapscope.formats.Table.Events;
import io.trapscope.formats.PrefetchingReader;
import io.trapscope.formats.TraceFormat;
import io.trapscope.formats.TraceFormatException;
import io.trapscope.formats.TraceReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Analyses a trace: streams its events once through every rule and decides a verdict. Reads only the
 * trace's files; memory is a batch, one entry per vCPU and live task, and the findings kept for reports.
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
    Machine machine = Machine.of(manifest.scenario());
    List<Rule> rules = Rules.all();
    Collector collector = new Collector(options, listener, machine);
    RuleEngine engine = new RuleEngine(rules, collector);
    long[] kindCounts = new long[Kind.values().length];
    SortedMap<String, Long> countsByName = new TreeMap<>();
    Path eventsFile = reader.file(Table.EVENTS, TraceFormat.PARQUET);
    long events = 0;
    try (PrefetchingReader table = new PrefetchingReader(reader.openTable(Table.EVENTS), Table.EVENTS, ColumnBatch.CAPACITY_DEFAULT)) {
      StringDictionary names = null;
      Kind[] kindOfCode = new Kind[0];
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
            engine.accept(event);
          } catch (IllegalArgumentException | IllegalStateException e) {
            throw new TraceFormatException(eventsFile, "row " + event.seq + ": " + e.getMessage() + " (not a trace trapscope can analyse)");
          }
        }
        events += batch.size();
        progress.accept(events);
      }
      engine.finish(manifest.run().endReason());
      for (int code = 0; code < codeCounts.length; code++) {
        if (codeCounts[code] > 0 && names != null) {
          countsByName.put(names.value(code), codeCounts[code]);
          kindCounts[kindOfCode[code].ordinal()] += codeCounts[code];
        }
      }
    } catch (UncheckedIOException e) {
      throw new TraceFormatException(eventsFile, "cannot write findings: " + e.getCause().getMessage(), e);
    }
    if (!countsByName.equals(new TreeMap<>(manifest.eventKinds()))) {
      throw new TraceFormatException(
          reader.directory().resolve(Manifest.FILE_NAME), "eventKinds disagree with events.parquet (edited or damaged?)");
    }
    Set<RuleFamily> inScope = scope(manifest, machine, kindCounts, rules, collector);
    // The reader held the file to the whole events schema, so these are the columns the rules were fed.
    Set<String> columns = new java.util.HashSet<>();
    Table.EVENTS.columns().forEach(column -> columns.add(column.name()));
    List<RuleResult> results = new ArrayList<>();
    for (Rule rule : rules) {
      String missing = null;
      if (!inScope.contains(rule.family())) {
        missing = rule.family().outOfScopeReason();
      } else {
        for (String required : rule.requiredColumns()) {
          if (!columns.contains(required)) {
            missing = "the trace has no " + required + " column";
          }
        }
        for (Kind required : rule.requiredKinds()) {
          if (kindCounts[required.ordinal()] == 0) {
            missing = "the trace has no " + required.name() + " events";
          }
        }
      }
      results.add(
          new RuleResult(
              rule.id(),
              rule.severity(),
              rule.title(),
              missing == null,
              missing == null ? "" : missing,
              collector.count(rule.id()),
              collector.fixes(rule.id()),
              rule.family(),
              inScope.contains(rule.family())));
    }
    return verdict(trace.toString(), manifest, machine, events, results, collector, options);
  }

  private static TraceAnalysis verdict(
      String trace, Manifest manifest, Machine machine, long events, List<RuleResult> results, Collector collector, AnalysisOptions options) {
    long failing = 0;
    for (RuleResult result : results) {
      if (result.severity().atLeast(options.failOn())) {
        failing += result.findings();
      }
    }
    Verdict verdict;
    String reason;
    boolean cutShort = !manifest.run().workloadFinished()
        && (manifest.run().endReason().equals("MAX_EVENTS") || manifest.run().endReason().equals("MAX_TICKS"));
    List<String> notApplicable = results.stream().filter(result -> result.inScope() && !result.applicable()).map(RuleResult::id).toList();
    if (failing > 0) {
      verdict = Verdict.FAIL;
      reason = failing + (failing == 1 ? " finding" : " findings") + " at or above " + options.failOn().id();
    } else if (cutShort) {
      verdict = Verdict.UNKNOWN;
      reason = "the run was cut short by limits (" + manifest.run().endReason() + ") before the workload finished";
    } else if (!notApplicable.isEmpty()) {
      verdict = Verdict.UNKNOWN;
      reason = "not applicable to this trace: " + String.join(", ", notApplicable);
    } else {
      verdict = Verdict.PASS;
      reason = "no finding at or above " + options.failOn().id();
    }
    return new TraceAnalysis(
        trace,
        machine,
        manifest.seed(),
        manifest.scenario().path("description").asText(""),
        manifest.run(),
        events,
        results,
        collector.kept,
        collector.total,
        verdict,
        reason);
  }

  /**
   * The families the trace exercises: lazy FPU if it has FPU reads, writes or #NM, or runs an fpu-* workload;
   * memory events if it is an HVM guest with introspection active, or has memory-event or injection events.
   * A family one of whose rules found something is in scope whatever else the trace says.
   */
  private static Set<RuleFamily> scope(Manifest manifest, Machine machine, long[] kindCounts, List<Rule> rules, Collector collector) {
    Set<RuleFamily> families = EnumSet.noneOf(RuleFamily.class);
    boolean fpuWorkload = manifest.scenario().path("workload").path("name").asText("").startsWith("fpu-");
    if (fpuWorkload || any(kindCounts, Kind.FPU_WRITE, Kind.FPU_READ, Kind.NM_RAISE)) {
      families.add(RuleFamily.LAZY_FPU);
    }
    boolean memoryEventKinds =
        any(kindCounts, Kind.PARAM_SET, Kind.MEM_EVENT_PUT, Kind.MEM_EVENT_DROP, Kind.INJECT_REQUEST, Kind.INJECT_EBUSY, Kind.INJECT_ENTRY);
    if (machine.memoryEventsActive() || memoryEventKinds) {
      families.add(RuleFamily.MEMORY_EVENTS);
    }
    for (Rule rule : rules) {
      if (collector.count(rule.id()) > 0) {
        families.add(rule.family());
      }
    }
    return families;
  }

  private static boolean any(long[] kindCounts, Kind... kinds) {
    for (Kind kind : kinds) {
      if (kindCounts[kind.ordinal()] > 0) {
        return true;
      }
    }
    return false;
  }

  private static Kind[] grow(Kind[] kinds, StringDictionary names) {
    Kind[] grown = java.util.Arrays.copyOf(kinds, names.size());
    for (int code = kinds.length; code < grown.length; code++) {
      grown[code] = Kind.of(names.value(code));
    }
    return grown;
  }

  /** Numbers findings, keeps the first few of each rule, streams all of them to the listener. */
  private static final class Collector implements Findings {
    private final AnalysisOptions options;
    private final FindingListener listener;
    private final Machine machine;
    private final Map<String, Long> counts = new HashMap<>();
    private final Map<String, List<Fix>> fixes = new LinkedHashMap<>();
    final List<Finding> kept = new ArrayList<>();
    long total;

    Collector(AnalysisOptions options, FindingListener listener, Machine machine) {
      this.options = options;
      this.listener = listener;
      this.machine = machine;
    }

    long count(String rule) {
      return counts.getOrDefault(rule, 0L);
    }

    @Override
    public long nextId() {
      return total + 1;
    }

    @Override
    public boolean wantsTimeline(Rule rule) {
      return count(rule.id()) < options.timelinesPerRule();
    }

    @Override
    public boolean keeps(Rule rule) {
      return count(rule.id()) < options.findingsKeptPerRule();
    }

    @Override
    public boolean wantsEvidence(Rule rule) {
      return listener != FindingListener.NONE || keeps(rule);
    }

    List<Fix> fixes(String ruleId) {
      return fixes.computeIfAbsent(ruleId, rule -> Fixes.forRule(rule, machine));
    }

    @Override
    public long report(
        Rule rule,
        int score,
        int vcpu,
        int task,
        String summary,
        String explanation,
        List<io.trapscope.analyzer.EvidenceRow> evidence,
        List<Long> causedBy,
        List<io.trapscope.analyzer.EvidenceRow> timeline,
        List<TimelineState> timelineStates) {
      long id = ++total;
      long ruleCount = counts.merge(rule.id(), 1L, Long::sum);
      boolean keep = ruleCount <= options.findingsKeptPerRule();
      if (!keep && listener == FindingListener.NONE) {
        return id;
      }
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (io.trapscope.analyzer.EvidenceRow row : evidence) {
        first = Math.min(first, row.seq());
        last = Math.max(last, row.seq());
      }
      Finding finding =
          new Finding(id, rule.id(), rule.severity(), score, first, last, vcpu, task, summary, explanation, evidence, causedBy, fixes(rule.id()), timeline, timelineStates);
      if (keep) {
        kept.add(finding);
      }
      try {
        listener.finding(finding);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return id;
    }
  }
}
