package io.trapscope.analyzer.memoryevents;

import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Vectors;

/**
 * {@code INJ_DOUBLE_FAULT}: an injection met a pending hardware exception and {@code hvm_combine_hw_exceptions}
 * made the pair a #DF; one finding per {@code DOUBLE_FAULT}, scored 100 when the #DF then panicked the guest.
 */
public final class InjectionDoubleFaultRule extends CollisionRule {
  public static final String ID = "INJ_DOUBLE_FAULT";

  public InjectionDoubleFaultRule() {
    super(ID, "an injection met a pending exception and Xen made a double fault");
  }

  @Override
  EventKind collisionKind() {
    return EventKind.DOUBLE_FAULT;
  }

  /** A #DF whose VM entry failed never reached the guest: INJ_VMENTRY_FAILURE reports it. */
  @Override
  boolean reportable(Collision collision) {
    return collision.vmEntryFailure == null;
  }

  private static boolean panicked(Collision collision) {
    return collision.delivered != null && collision.delivered.value() == Vectors.DOUBLE_FAULT && collision.panic != null;
  }

  @Override
  int score(Collision collision) {
    return panicked(collision) ? 100 : 95;
  }

  @Override
  String summary(Collision collision) {
    String injected = collision.injectedName();
    String fault = collision.pending != null && collision.pending.deliveryFault != null
        ? " whose delivery faulted (seq " + collision.pending.deliveryFault.seq() + ")" : "";
    return "injected " + injected + " met a pending " + Vectors.name(collision.pendingVector) + fault + ": double fault"
        + (panicked(collision) ? ", the guest panicked" : "");
  }

  @Override
  String outcome(Collision collision) {
    String pending = Vectors.name(collision.pendingVector);
    String injected = Vectors.name(collision.injectedVector);
    StringBuilder text = new StringBuilder("hvm_do_resume injected the ").append(injected)
        .append(" without checking for the pending event, and hvm_combine_hw_exceptions turned ")
        .append(pending).append(" + ").append(injected).append(" into a double fault (DOUBLE_FAULT seq ").append(collision.row.seq())
        .append("): neither reaches its handler.");
    if (panicked(collision)) {
      text.append(" The #DF was delivered (seq ").append(collision.delivered.seq())
          .append(") and the guest kernel's do_double_fault panicked (GUEST_PANIC seq ").append(collision.panic.seq()).append(").");
    } else if (collision.delivered != null && collision.delivered.value() == Vectors.DOUBLE_FAULT) {
      text.append(" The #DF was delivered to the guest (seq ").append(collision.delivered.seq()).append(").");
    }
    return text.toString();
  }
}
