package io.trapscope.model.vocabulary;

/** Why a run stopped. */
public enum EndReason {
  /** Every task of the workload exited. */
  COMPLETED,
  /** {@code limits.maxEvents} was reached. */
  MAX_EVENTS,
  /** {@code limits.maxTicks} was reached. */
  MAX_TICKS,
  /** The hypervisor crashed the guest. */
  DOMAIN_CRASH,
  /** Tasks remain but nothing can ever run again (a vCPU paused for good counts as not running). */
  DEADLOCK,
  /** Xen shut the domain down: a triple fault. */
  DOMAIN_SHUTDOWN,
  /** The guest kernel panicked: a double fault reached it. */
  GUEST_PANIC,
  /** The processor refused a VM entry and Xen crashed the domain ({@code vm_resume_fail}). */
  VMENTRY_FAILED,
  /**
   * The run held as many traps as it may behind one never resolved (an interrupt that waits for ever
   * while an INT3 repeats): a limit, like {@code limits.maxEvents}, since the traps table is written in
   * raise order.
   */
  MAX_OPEN_TRAPS;

  /** Whether the run was cut short by a limit rather than ending on its own. */
  public boolean isLimit() {
    return this == MAX_EVENTS || this == MAX_TICKS || this == MAX_OPEN_TRAPS;
  }

  /** Whether {@code name}, as a manifest's {@code run.endReason} holds it, is a limit; false for a name this version does not know. */
  public static boolean isLimit(String name) {
    for (EndReason reason : values()) {
      if (reason.name().equals(name)) {
        return reason.isLimit();
      }
    }
    return false;
  }
}
