package io.trapscope.model.vocabulary;

/** What became of a trap or an injection. */
public enum TrapOutcome {
  /** The guest's handler received it. */
  DELIVERED,
  /** Delivering it crashed the domain (for #NM: the nested handlers overflowed the kernel stack). */
  DOMAIN_CRASH,
  /** The run ended before it was delivered: still in an inject slot, still pending, or never answered. */
  PENDING_AT_END,
  /** An INT3 intercepted and sent to the listener; what the guest gets is up to the listener. */
  CAPTURED,
  /** An injection refused with -EBUSY, and not retried until accepted. */
  EBUSY,
  /** A pending interrupt or NMI replaced by an injection. */
  OVERWRITTEN,
  /** A pending hardware exception that {@code hvm_combine_hw_exceptions} discarded for the injection. */
  DISCARDED,
  /** One of a pending exception and an injection that together became a double fault. */
  COMBINED_DF,
  /** A pending #DF, or the injection that met it: the domain was shut down. */
  TRIPLE_FAULT,
  /** An injection dropped because an event was already pending (Xen 4.9). */
  DROPPED_PENDING,
  /** An INT3 whose request found the ring full (Xen 4.1): not sent, and executed again after the vCPU wakes. */
  DROPPED_RING_FULL,
  /**
   * Not delivered, and the instruction executes again: a #BP, #OF or software exception whose delivery
   * faulted, which Xen does not re-arm ({@code hvm_event_needs_reinjection}), or an INT3 that Xen 4.2 leaves
   * on RIP because no listener holds the ring.
   */
  REEXECUTED,
  /** In a VM entry that the processor refused: Xen crashed the domain. */
  VMENTRY_FAILED
}
