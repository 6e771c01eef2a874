package io.trapscope.analyzer.memoryevents;

import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Vectors;

/**
 * {@code INJ_OVERWRITTEN}: an injection replaced a pending interrupt, NMI or software exception, which the
 * guest never gets (Xen 4.1 and 4.2 write the VM-entry field without looking). One per {@code EVENT_OVERWRITE}.
 */
public final class InjectionOverwrittenRule extends CollisionRule {
  public static final String ID = "INJ_OVERWRITTEN";

  public InjectionOverwrittenRule() {
    super(ID, "an injection overwrote a pending event, which is lost");
  }

  @Override
  EventKind collisionKind() {
    return EventKind.EVENT_OVERWRITE;
  }

  @Override
  int score(Collision collision) {
    return 85;
  }

  @Override
  String summary(Collision collision) {
    String injected = collision.injectedName();
    return "injected " + injected + " overwrote a pending " + Vectors.name(collision.pendingVector) + ", which is lost";
  }

  @Override
  String outcome(Collision collision) {
    String pending = Vectors.name(collision.pendingVector);
    return "hvm_do_resume wrote the " + Vectors.name(collision.injectedVector) + " into the VM-entry interruption field over the pending "
        + pending + "; " + pending + " is not a hardware exception, so nothing combined the two: the " + pending
        + " is lost (EVENT_OVERWRITE seq " + collision.row.seq() + ")"
        + (Vectors.waitsInLapic(collision.pendingVector) ? ": the guest's " + (collision.pendingVector == Vectors.NMI ? "NMI" : "interrupt") + " handler never runs for it." : ": the guest's handler never sees it.");
  }
}
