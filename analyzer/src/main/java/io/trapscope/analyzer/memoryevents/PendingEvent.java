package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.EvidenceRow;

/** The event pending for delivery on a vCPU. */
public final class PendingEvent {
  /** Where a pending event came from. */
  public enum Origin {
    CPU_EXCEPTION("from the CPU"),
    INTERRUPT("from the LAPIC"),
    BREAKPOINT("the guest's INT3"),
    LISTENER("from the listener"),
    DOUBLE_FAULT("Xen combined two");

    private final String description;

    Origin(String description) {
      this.description = description;
    }

    /** A few words: "from the listener". */
    public String description() {
      return description;
    }
  }

  public final int vector;
  public final Origin origin;
  /** The listener injection it is, or null. */
  public final Injection injection;
  /** The row that made it pending: TRAP_RAISE, BREAKPOINT, INJECT_ENTRY or DOUBLE_FAULT (null if unknown). */
  public final EvidenceRow since;
  /** Its last DELIVERY_FAULT, if its delivery faulted. */
  public EvidenceRow deliveryFault;
  /** The violation request that DELIVERY_FAULT sent (MEM_EVENT_PUT or MEM_EVENT_DROP reason 1), or null. */
  public EvidenceRow violationRequest;
  public int deliveryFaults;

  PendingEvent(int vector, Origin origin, Injection injection, EvidenceRow since) {
    this.vector = vector;
    this.origin = origin;
    this.injection = injection;
    this.since = since;
  }
}
