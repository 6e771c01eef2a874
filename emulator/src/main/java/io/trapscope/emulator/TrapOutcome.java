package io.trapscope.emulator;

/** What became of a trap. */
public enum TrapOutcome {
  /** The guest's handler received it. */
  DELIVERED,
  /** Delivering it crashed the domain (for #NM: the nested handlers overflowed the kernel stack). */
  DOMAIN_CRASH,
  /** The run ended before it was delivered. */
  PENDING_AT_END
}
