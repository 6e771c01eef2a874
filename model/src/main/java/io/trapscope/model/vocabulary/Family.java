package io.trapscope.model.vocabulary;

import java.util.Locale;

/**
 * What part of the modelled machine an event kind belongs to. {@link #COMMON} events (tasks, scheduling,
 * vCPUs) are read by every bug family; the others name a bug family, whose analyzer rules live together,
 * and which a trace's manifest declares when its workload exercises it.
 */
public enum Family {
  /** Tasks, the guest scheduler and Xen's vCPU scheduling: every family reads them. */
  COMMON("common", "tasks and scheduling"),
  /** Lazy FPU switching: CR0.TS, #NM and the FPU registers' owner. */
  LAZY_FPU("lazy-fpu", "lazy FPU"),
  /** Xen memory events for HVM guests and {@code HVMOP_inject_trap}. */
  MEMORY_EVENTS("memory-events", "memory events and injection");

  private final String id;
  private final String title;

  Family(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** The stable name in manifests and the output formats: {@code lazy-fpu}, {@code memory-events}. */
  public String id() {
    return id;
  }

  /** A few words for reports. */
  public String title() {
    return title;
  }

  /** The family called {@code id}, or null. */
  public static Family byId(String id) {
    for (Family family : values()) {
      if (family.id.equals(id.toLowerCase(Locale.ROOT))) {
        return family;
      }
    }
    return null;
  }
}
