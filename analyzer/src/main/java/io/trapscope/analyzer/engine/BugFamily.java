package io.trapscope.analyzer.engine;

import io.trapscope.model.vocabulary.Family;
import java.util.List;
import java.util.Set;

/**
 * A bug family as one unit: its rules, its trackers, and its scope test. The analyzer takes every family
 * from one registry; adding a family is one class implementing this and one line there.
 */
public interface BugFamily {
  /** The family's name in the shared vocabulary, which event kinds and manifests use. */
  Family family();

  /** Fresh instances of its rules, in report order. */
  List<Rule> newRules();

  /** Its trackers with {@code rules} bound to them, for one analysis whose timelines are {@code timelines}. */
  FamilyRun start(List<Rule> rules, Timelines timelines);

  /**
   * Whether a trace exercises the family's mechanism: its manifest declares the family ({@code declared}),
   * or, for a trace whose manifest predates the declaration or was cut by hand, its events show it
   * ({@code kindCounts}, events per {@link io.trapscope.model.vocabulary.EventKind} ordinal).
   */
  boolean inScope(Set<Family> declared, long[] kindCounts);

  /** Why a trace leaves it out of scope, after "out of scope: ". */
  String outOfScopeReason();
}
