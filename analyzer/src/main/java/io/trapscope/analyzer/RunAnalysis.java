package io.trapscope.analyzer;

import io.trapscope.model.vocabulary.EndReason;

import io.trapscope.analyzer.engine.BugFamily;
import io.trapscope.analyzer.engine.Event;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.analyzer.engine.Rule;
import io.trapscope.analyzer.engine.RuleEngine;
import io.trapscope.formats.Manifest;
import io.trapscope.formats.Table;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Family;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The analysis of one run fed event by event: every family's rules, the findings, and the verdict. It reads
 * no file, so the same analysis runs over a trace ({@link Analyzer}), over events made in memory by a test,
 * or beside the emulator; memory is one entry per vCPU and live task, and the findings kept for reports.
 */
public final class RunAnalysis {
  private final Scenario scenario;
  private final AnalysisOptions options;
  private final List<BugFamily> families;
  private final Collector collector;
  private final RuleEngine engine;
  private final long[] kindCounts = new long[EventKind.values().length];
  private long events;
  private boolean finished;

  /** An analysis of a run of {@code scenario} with every registered family. */
  public RunAnalysis(Scenario scenario, AnalysisOptions options, FindingListener listener) {
    this(scenario, options, listener, Families.all());
  }

  /** An analysis with only {@code families}, for testing one family or one rule on its own. */
  public RunAnalysis(Scenario scenario, AnalysisOptions options, FindingListener listener, List<BugFamily> families) {
    this.scenario = scenario;
    this.options = options;
    this.families = List.copyOf(families);
    this.collector = new Collector(options, listener, scenario);
    this.engine = new RuleEngine(this.families, collector);
  }

  /**
   * Analyses the next event; events come in seq order. {@code event.kind} is null for a kind this version
   * does not know, which is counted by name only by the caller and passed over here.
   *
   * @throws IllegalArgumentException or IllegalStateException when the events cannot come from one run
   */
  public void accept(Event event) {
    if (event.kind != null) {
      kindCounts[event.kind.ordinal()]++;
    }
    events++;
    engine.accept(event);
  }

  /**
   * The run has ended as {@code run} says; returns the verdict and the findings.
   *
   * @param trace how to name the run in reports
   * @param seed the run's seed
   * @param declared the families the run's manifest declares, or null when it declares none (the scenario's
   *     own are taken then)
   */
  public TraceAnalysis finish(String trace, long seed, Manifest.Run run, Collection<Family> declared) {
    if (finished) {
      throw new IllegalStateException("an analysis finishes once");
    }
    finished = true;
    engine.finish(run.endReason());
    List<Rule> rules = engine.rules();
    Set<Family> inScope = scope(declared == null ? scenario.families() : declared, rules);
    // The reader held the file to the whole events schema, so these are the columns the rules were fed.
    Set<String> columns = new HashSet<>();
    Table.EVENTS.columns().forEach(column -> columns.add(column.name()));
    List<RuleResult> results = new ArrayList<>();
    for (Rule rule : rules) {
      String missing = null;
      if (!inScope.contains(rule.family())) {
        missing = "out of scope: " + familyOf(rule.family()).outOfScopeReason();
      } else {
        for (String required : rule.requiredColumns()) {
          if (!columns.contains(required)) {
            missing = "the trace has no " + required + " column";
          }
        }
        for (EventKind required : rule.requiredKinds()) {
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
              collector.fixes(rule),
              rule.family(),
              inScope.contains(rule.family())));
    }
    return verdict(trace, seed, run, results);
  }

  private TraceAnalysis verdict(String trace, long seed, Manifest.Run run, List<RuleResult> results) {
    long failing = 0;
    for (RuleResult result : results) {
      if (result.severity().atLeast(options.failOn())) {
        failing += result.findings();
      }
    }
    Verdict verdict;
    String reason;
    boolean cutShort = !run.workloadFinished() && EndReason.isLimit(run.endReason());
    List<String> notApplicable = results.stream().filter(result -> result.inScope() && !result.applicable()).map(RuleResult::id).toList();
    if (failing > 0) {
      verdict = Verdict.FAIL;
      reason = failing + (failing == 1 ? " finding" : " findings") + " at or above " + options.failOn().id();
    } else if (cutShort) {
      verdict = Verdict.UNKNOWN;
      reason = "the run was cut short by limits (" + run.endReason() + ") before the workload finished";
    } else if (!notApplicable.isEmpty()) {
      verdict = Verdict.UNKNOWN;
      reason = "not applicable to this trace: " + String.join(", ", notApplicable);
    } else {
      verdict = Verdict.PASS;
      reason = "no finding at or above " + options.failOn().id();
    }
    return new TraceAnalysis(
        trace, scenario, seed, scenario.description(), run, events, results, collector.kept, collector.total, verdict, reason);
  }

  /**
   * The families the run exercises: those {@code declared}, and those whose events it shows. A family one
   * of whose rules found something is in scope whatever else the run says.
   */
  private Set<Family> scope(Collection<Family> declared, List<Rule> rules) {
    Set<Family> declaredSet = EnumSet.noneOf(Family.class);
    declaredSet.addAll(declared);
    Set<Family> inScope = EnumSet.noneOf(Family.class);
    for (BugFamily family : families) {
      if (family.inScope(declaredSet, kindCounts)) {
        inScope.add(family.family());
      }
    }
    for (Rule rule : rules) {
      if (collector.count(rule.id()) > 0) {
        inScope.add(rule.family());
      }
    }
    return inScope;
  }

  private BugFamily familyOf(Family family) {
    for (BugFamily candidate : families) {
      if (candidate.family() == family) {
        return candidate;
      }
    }
    throw new IllegalStateException("no family " + family + " in the registry");
  }

  /** Numbers findings, keeps the first few of each rule, streams all of them to the listener. */
  private static final class Collector implements Findings {
    private final AnalysisOptions options;
    private final FindingListener listener;
    private final Scenario scenario;
    private final Map<String, Long> counts = new HashMap<>();
    private final Map<String, List<Fix>> fixes = new LinkedHashMap<>();
    final List<Finding> kept = new ArrayList<>();
    long total;

    Collector(AnalysisOptions options, FindingListener listener, Scenario scenario) {
      this.options = options;
      this.listener = listener;
      this.scenario = scenario;
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

    List<Fix> fixes(Rule rule) {
      return fixes.computeIfAbsent(rule.id(), id -> rule.fixes(scenario));
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
          new Finding(id, rule.id(), rule.severity(), score, first, last, vcpu, task, summary, explanation, evidence, causedBy, fixes(rule), timeline, timelineStates);
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
