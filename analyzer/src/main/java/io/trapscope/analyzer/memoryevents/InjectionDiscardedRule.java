package io.trapscope.analyzer.memoryevents;

import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Vectors;

/**
 * {@code INJ_DISCARDED}: {@code hvm_combine_hw_exceptions} kept the injection and discarded the pending
 * hardware exception, which the guest never gets. One finding per {@code EVENT_DISCARD}.
 */
public final class InjectionDiscardedRule extends CollisionRule {
  public static final String ID = "INJ_DISCARDED";

  public InjectionDiscardedRule() {
    super(ID, "an injection made Xen discard a pending exception");
  }

  @Override
  EventKind collisionKind() {
    return EventKind.EVENT_DISCARD;
  }

  @Override
  int score(Collision collision) {
    return 80;
  }

  @Override
  String summary(Collision collision) {
    String injected = collision.injectedName();
    return "injected " + injected + " made Xen discard a pending " + Vectors.name(collision.pendingVector);
  }

  @Override
  String outcome(Collision collision) {
    String pending = Vectors.name(collision.pendingVector);
    return "hvm_combine_hw_exceptions kept the injected " + Vectors.name(collision.injectedVector) + " and discarded the pending " + pending
        + " (EVENT_DISCARD seq " + collision.row.seq() + "): the guest never sees the " + pending + ".";
  }
}
