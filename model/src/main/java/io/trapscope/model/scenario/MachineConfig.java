package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The machine: hypervisor, guest kernel, patches, kernel parameters and vCPUs, and how often Xen's
 * scheduler takes a vCPU away.
 *
 * @param hypervisor what the guest runs on
 * @param xen the Xen release, for memory events and trap injection (HVM guests)
 * @param kernel the guest kernel's lazy-FPU code
 * @param patches patches applied to the kernel
 * @param eagerfpu the kernel parameter {@code eagerfpu=on} (Linux 3.7 and later)
 * @param vcpus virtual CPUs of the guest
 * @param hvDescheduleProbability per step a vCPU runs, the chance that Xen deschedules it (Xen only)
 * @param hvDescheduleTicksMin shortest time a descheduled vCPU stays away
 * @param hvDescheduleTicksMax longest time a descheduled vCPU stays away
 * @param hvSliceTicks Xen's scheduler time slice: a running vCPU passes through the scheduler (and
 *     {@code hvm_do_resume}, which takes its inject slot) at least this often (Xen only)
 * @param vmxZeroLengthInjection whether the CPU lets VM entry inject a software exception of length 0
 *     ({@code IA32_VMX_MISC} bit 30); where it does not, such an entry fails and Xen crashes the domain
 */
@JsonPropertyOrder({
  "hypervisor", "xen", "kernel", "patches", "eagerfpu", "vcpus",
  "hvDescheduleProbability", "hvDescheduleTicksMin", "hvDescheduleTicksMax", "hvSliceTicks", "vmxZeroLengthInjection"
})
public record MachineConfig(
    Hypervisor hypervisor,
    XenVersion xen,
    Kernel kernel,
    List<Patch> patches,
    boolean eagerfpu,
    int vcpus,
    double hvDescheduleProbability,
    long hvDescheduleTicksMin,
    long hvDescheduleTicksMax,
    long hvSliceTicks,
    boolean vmxZeroLengthInjection) {

  /** More than a guest of this model can use; bounds every per-vCPU array. */
  public static final int VCPUS_MAX = 64;

  public MachineConfig {
    patches = patches == null ? List.of() : List.copyOf(patches);
  }

  static MachineConfig defaults() {
    return new MachineConfig(Hypervisor.XEN_PV, XenVersion.XEN_4_9, Kernel.LINUX_2_6_32, List.of(), false, 1, 0.002, 5, 50, 30, true);
  }

  /** Whether {@code patch} is applied. */
  public boolean has(Patch patch) {
    return patches.contains(patch);
  }
}
