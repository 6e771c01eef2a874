package io.trapscope.model.vocabulary;

/** Who raised a trap. */
public enum TrapSource {
  /** The CPU, for an instruction of the guest (such as an FPU instruction with CR0.TS set). */
  CPU("cpu"),
  /** The introspection agent, through {@code HVMOP_inject_trap}. */
  LISTENER("listener"),
  /** Xen itself: a #DF made by combining exceptions, or an INT3 re-injected when no listener is connected. */
  XEN("xen"),
  /** The virtual local APIC: an external interrupt. */
  LAPIC("lapic");

  private final String id;

  TrapSource(String id) {
    this.id = id;
  }

  /** The name used in traces. */
  public String id() {
    return id;
  }
}
