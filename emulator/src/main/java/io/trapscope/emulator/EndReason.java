package io.trapscope.emulator;

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
  /** Tasks remain but nothing can ever run again. */
  DEADLOCK;

  /** Whether the run was cut short by a limit rather than ending on its own. */
  public boolean isLimit() {
    return this == MAX_EVENTS || this == MAX_TICKS;
  }
}
