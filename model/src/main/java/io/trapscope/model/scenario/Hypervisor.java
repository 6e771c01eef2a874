package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What runs under the guest kernel, and so how it receives #NM (MODEL.md section 4). */
public enum Hypervisor implements Named {
  /** Bare metal: exception delivery leaves CR0.TS alone (Intel SDM; Jan Beulich in seed 003). */
  @JsonProperty("native")
  NATIVE("native", false, false),
  /** An HVM or PVHVM guest owns its CR0.TS; delivery is as on bare metal. */
  @JsonProperty("xen-hvm")
  XEN_HVM("xen-hvm", true, false),
  /**
   * A PV guest: Xen clears the guest's virtual TS before delivering the virtual #NM, part of the PV ABI
   * ({@code do_device_not_available} in xen/arch/x86/traps.c, "Classic-xen Linux depends on this").
   */
  @JsonProperty("xen-pv")
  XEN_PV("xen-pv", true, true),
  /** The rejected patch of seed 003: Xen keeps TS set ({@code stts()} before {@code do_guest_trap}). */
  @JsonProperty("xen-pv-keep-ts")
  XEN_PV_KEEP_TS("xen-pv-keep-ts", true, true);

  private final String id;
  private final boolean xen;
  private final boolean paravirtual;

  Hypervisor(String id, boolean xen, boolean paravirtual) {
    this.id = id;
    this.xen = xen;
    this.paravirtual = paravirtual;
  }

  @Override
  public String id() {
    return id;
  }

  /** Whether Xen schedules the vCPUs (and may deschedule them). */
  public boolean isXen() {
    return xen;
  }

  /** Whether the guest is paravirtualized: TS changes are {@code fpu_taskswitch} hypercalls. */
  public boolean isParavirtual() {
    return paravirtual;
  }

  /** CR0.TS as the guest's #NM handler finds it, given TS when the #NM was raised (always set). */
  public boolean tsAtNmHandlerEntry(boolean tsAtRaise) {
    return this == XEN_PV ? false : tsAtRaise;
  }
}
