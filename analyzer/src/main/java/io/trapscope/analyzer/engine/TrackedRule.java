package io.trapscope.analyzer.engine;

import io.trapscope.analyzer.Severity;
import io.trapscope.model.vocabulary.Family;

/**
 * A rule that reads its family's tracker: the family binds the tracker before the first event, and the
 * rule's hooks receive it, so a rule never holds state that the tracker already keeps.
 *
 * @param <T> the family's tracker
 */
public abstract class TrackedRule<T> extends Rule {
  private T tracker;

  protected TrackedRule(String id, Severity severity, String title, Family family) {
    super(id, severity, title, family);
  }

  /** Binds the family's tracker for one analysis. */
  public final void bind(T familyTracker) {
    this.tracker = familyTracker;
  }

  /** The family's tracker. */
  protected final T tracker() {
    return tracker;
  }

  @Override
  protected final void beforeEvent(Event event, Findings findings) {
    before(event, tracker, findings);
  }

  @Override
  protected final void afterEvent(Event event, Findings findings) {
    after(event, tracker, findings);
  }

  @Override
  protected final void onEnd(Findings findings) {
    end(tracker, findings);
  }

  /** Sees {@code event} with the tracker still as it was before the event. */
  protected void before(Event event, T familyTracker, Findings findings) {}

  /** Sees {@code event} with the tracker updated by it. */
  protected void after(Event event, T familyTracker, Findings findings) {}

  /** The trace has ended. */
  protected void end(T familyTracker, Findings findings) {}
}
