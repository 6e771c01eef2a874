package io.trapscope.analyzer.rules;

import io.trapscope.analyzer.RuleFamily;
import io.trapscope.analyzer.Severity;
import java.util.Set;

/**
 * One check over a trace. A rule declares what it needs; the analyzer feeds it every event in order,
 * after the shared {@link FpuTracker} has been brought up to date, and tells it when a switch into a task
 * is complete (its FPU half included).
 */
public abstract class Rule {
  private final String id;
  private final Severity severity;
  private final String title;

  Rule(String id, Severity severity, String title) {
    this.id = id;
    this.severity = severity;
    this.title = title;
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
  public RuleFamily family() {
    return RuleFamily.LAZY_FPU;
  }

  /** The events columns it reads. */
  public abstract Set<String> requiredColumns();

  /**
   * Kinds that must occur in a trace for the rule's silence to mean anything; if one never occurs the rule
   * is reported not applicable instead of passing.
   */
  public abstract Set<Kind> requiredKinds();

  /** The kinds {@link #beforeEvent} wants to see; the engine calls it for no others. */
  Set<Kind> beforeKinds() {
    return Set.of();
  }

  /** The kinds {@link #afterEvent} wants to see. */
  Set<Kind> afterKinds() {
    return Set.of();
  }

  /** Whether {@link #onSwitchComplete} wants to be called. */
  boolean watchesSwitches() {
    return false;
  }

  /** Sees {@code event} with the tracker still as it was before the event. */
  void beforeEvent(Event event, FpuTracker tracker, Findings findings) {}

  /** Sees {@code event} with the tracker updated by it. */
  void afterEvent(Event event, FpuTracker tracker, Findings findings) {}

  /** A switch into {@code check.task()} is complete; the tracker shows the vCPU as the task finds it. */
  void onSwitchComplete(RowSlot check, FpuTracker tracker, Findings findings) {}

  /** The trace has ended. */
  void onEnd(FpuTracker tracker, Findings findings) {}
}
