package io.trapscope.analyzer.rules;

import java.util.HashMap;
import java.util.Map;

/**
 * The event kinds the rules look at, by the names docs/TRACE_FORMAT.md gives them. Kinds the rules do not
 * know (from a newer trace) map to {@link #OTHER} and are passed over.
 */
public enum Kind {
  TASK_SPAWN,
  TASK_SWITCH,
  TASK_WAKE,
  TASK_EXIT,
  SYSCALL,
  FPU_WRITE,
  FPU_READ,
  FPU_INIT,
  FPU_SAVE,
  FPU_RESTORE,
  CR_WRITE,
  HYPERCALL,
  NM_RAISE,
  NM_ENTER,
  NM_EXIT,
  IRQ_ENABLE,
  IRQ_DISABLE,
  ALLOC_SLEEP,
  VCPU_DESCHEDULE,
  VCPU_RESUME,
  DOMAIN_CRASH,
  BREAKPOINT,
  TRAP_RAISE,
  TRAP_DELIVER,
  DELIVERY_FAULT,
  PARAM_SET,
  MEM_EVENT_PUT,
  MEM_EVENT_DROP,
  MEM_EVENT_RESPONSE,
  VCPU_PAUSE,
  VCPU_UNPAUSE,
  INJECT_REQUEST,
  INJECT_EBUSY,
  INJECT_ABANDON,
  INJECT_ENTRY,
  EVENT_OVERWRITE,
  EVENT_DISCARD,
  INJECT_DROP,
  DOUBLE_FAULT,
  TRIPLE_FAULT,
  DOMAIN_SHUTDOWN,
  GUEST_PANIC,
  OTHER;

  private static final Map<String, Kind> BY_NAME = new HashMap<>();

  static {
    for (Kind kind : values()) {
      if (kind != OTHER) {
        BY_NAME.put(kind.name(), kind);
      }
    }
  }

  /** Whether the kind belongs to memory events and trap injection (BREAKPOINT to GUEST_PANIC). */
  public boolean isMemoryEvent() {
    return ordinal() >= BREAKPOINT.ordinal() && ordinal() <= GUEST_PANIC.ordinal();
  }

  /** The kind called {@code name}, or {@link #OTHER}. */
  public static Kind of(String name) {
    return BY_NAME.getOrDefault(name, OTHER);
  }
}
