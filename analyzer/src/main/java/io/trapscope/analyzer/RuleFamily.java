package io.trapscope.analyzer;

/**
 * A group of rules about one mechanism. A trace that does not exercise a family's mechanism leaves its
 * rules out of scope: they are reported as such and do not make the verdict unknown.
 */
public enum RuleFamily {
  /** Lazy FPU switching: CR0.TS, #NM and the FPU registers' owner. */
  LAZY_FPU("lazy-fpu", "lazy FPU", "no lazy-FPU activity in this trace (no FPU_WRITE, FPU_READ or NM_RAISE events, not an fpu-* workload)"),
  /** Xen memory events for HVM guests and {@code HVMOP_inject_trap}. */
  MEMORY_EVENTS(
      "memory-events", "memory events and injection", "no memory events in this trace (not an HVM guest with introspection active)");

  private final String id;
  private final String title;
  private final String outOfScope;

  RuleFamily(String id, String title, String outOfScope) {
    this.id = id;
    this.title = title;
    this.outOfScope = outOfScope;
  }

  /** The stable name in the output formats: {@code lazy-fpu}, {@code memory-events}. */
  public String id() {
    return id;
  }

  /** A few words for reports. */
  public String title() {
    return title;
  }

  /** Why a trace leaves the family out of scope, after "out of scope: ". */
  public String outOfScopeReason() {
    return "out of scope: " + outOfScope;
  }
}
