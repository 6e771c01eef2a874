package io.trapscope.analyzer.memoryevents;

import io.trapscope.model.vocabulary.EventKind;

/**
 * {@code INJ_TRIPLE_FAULT}: an injection met a pending #DF (whose own delivery faulted): Xen's
 * {@code hvm_triple_fault} shuts the domain down. One finding per {@code TRIPLE_FAULT}.
 */
public final class InjectionTripleFaultRule extends CollisionRule {
  public static final String ID = "INJ_TRIPLE_FAULT";

  public InjectionTripleFaultRule() {
    super(ID, "an injection met a pending double fault: triple fault, the domain is shut down");
  }

  @Override
  EventKind collisionKind() {
    return EventKind.TRIPLE_FAULT;
  }

  @Override
  int score(Collision collision) {
    return 100;
  }

  @Override
  String summary(Collision collision) {
    String injected = collision.injectedName();
    return "injected " + injected + " met a pending #DF: triple fault" + (collision.shutdown != null ? ", the domain was shut down" : "");
  }

  @Override
  String outcome(Collision collision) {
    StringBuilder text = new StringBuilder("For a pending #DF hvm_combine_hw_exceptions answers with hvm_triple_fault (TRIPLE_FAULT seq ")
        .append(collision.row.seq()).append(')');
    if (collision.shutdown != null) {
      text.append(", and Xen shut the domain down as for a reboot (DOMAIN_SHUTDOWN seq ").append(collision.shutdown.seq()).append(')');
    }
    return text.append('.').toString();
  }
}
