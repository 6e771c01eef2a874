package io.trapscope.analyzer.engine;

import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.Severity;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Family;
import java.util.List;
import java.util.Set;

/**
 * One check over a trace, belonging to one bug family. A rule declares what it needs and the fixes known
 * for what it finds; its family's {@link FamilyRun} feeds it the events of the kinds it asks for, in order,
 * with the family's trackers brought up to date.
 */
public abstract class Rule {
  private final String id;
  private final Severity severity;
  private final String title;
  private final Family family;

  protected Rule(String id, Severity severity, String title, Family family) {
    this.id = id;
    this.severity = severity;
    this.title = title;
    this.family = family;
  }

  /** The stable id, part of the output formats. */
  public final String id() {
    return id;
  }

  /** The severity of its findings. */
  public final Severity severity() {
    return severity;
  }

  /** One line saying what it checks. */
  public final String title() {
    return title;
  }

  /** The family it belongs to; a family out of scope for a trace leaves its rules out of the verdict. */
  public final Family family() {
    return family;
  }

  /** The events columns it reads. */
  public abstract Set<String> requiredColumns();

  /**
   * Kinds that must occur in a trace for the rule's silence to mean anything; if one never occurs the rule
   * is reported not applicable instead of passing.
   */
  public abstract Set<EventKind> requiredKinds();

  /** The fixes the bug's history arrived at for what it finds, marked as applying or not to {@code scenario}. */
  public abstract List<Fix> fixes(Scenario scenario);

  /** The kinds {@link #beforeEvent} wants to see; it is called for no others. */
  protected Set<EventKind> beforeKinds() {
    return Set.of();
  }

  /** The kinds {@link #afterEvent} wants to see. */
  protected Set<EventKind> afterKinds() {
    return Set.of();
  }

  /** Sees {@code event} with its family's trackers still as they were before the event. */
  protected void beforeEvent(Event event, Findings findings) {}

  /** Sees {@code event} with its family's trackers updated by it. */
  protected void afterEvent(Event event, Findings findings) {}

  /** The trace has ended. */
  protected void onEnd(Findings findings) {}
}
