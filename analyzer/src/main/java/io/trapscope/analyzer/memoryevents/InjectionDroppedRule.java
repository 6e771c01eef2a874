package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.engine.Event;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Vectors;
import java.util.List;

/**
 * {@code INJ_DROPPED}: Xen 4.9 found an event pending at the VM entry and dropped the injection without
 * telling the caller. One finding per {@code INJECT_DROP}.
 */
public final class InjectionDroppedRule extends CollisionRule {
  public static final String ID = "INJ_DROPPED";

  public InjectionDroppedRule() {
    super(ID, "an injection was dropped silently because an event was pending");
  }

  @Override
  public List<Fix> fixes(Scenario scenario) {
    return InjectionFixes.dropped(scenario);
  }

  @Override
  EventKind collisionKind() {
    return EventKind.INJECT_DROP;
  }

  @Override
  int pendingVector(Event event) {
    return (int) event.aux;
  }

  @Override
  int injectedVector(Event event) {
    return (int) event.value;
  }

  @Override
  boolean foretoldInReview() {
    return false;
  }

  @Override
  int score(Collision collision) {
    return 75;
  }

  @Override
  String summary(Collision collision) {
    String injected = collision.injectedName();
    return "injected " + injected + " dropped by Xen: a " + Vectors.name(collision.pendingVector) + " was pending";
  }

  @Override
  String outcome(Collision collision) {
    String pending = Vectors.name(collision.pendingVector);
    StringBuilder text = new StringBuilder("Xen 4.9's hvm_do_resume injects only if !hvm_event_pending(v): it kept the pending ")
        .append(pending).append(" and dropped the ").append(Vectors.name(collision.injectedVector))
        .append(" (INJECT_DROP seq ").append(collision.row.seq()).append(")");
    if (collision.delivered != null) {
      text.append(", then delivered the ").append(Vectors.name(collision.delivered.value())).append(" (seq ").append(collision.delivered.seq()).append(')');
    }
    return text.append(". No double fault, but HVMOP_inject_trap had returned 0: the injection is lost unless the agent notices and injects it again.")
        .toString();
  }
}
