package io.trapscope.analyzer.lazyfpu;

import io.trapscope.analyzer.Fix;
import io.trapscope.model.scenario.Hypervisor;
import io.trapscope.model.scenario.Kernel;
import io.trapscope.model.scenario.MachineConfig;
import io.trapscope.model.scenario.Patch;
import io.trapscope.model.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/** The fixes the lazy-FPU bug reports arrived at, marked as applying or not to the traced machine. */
final class LazyFpuFixes {
  private LazyFpuFixes() {}

  static List<Fix> window(Scenario scenario) {
    MachineConfig machine = scenario.machine();
    boolean allocatingKernel = machine.kernel().handler() == Kernel.Handler.ALLOCATE_MAY_SLEEP;
    boolean eagerCapable = machine.kernel().supportsEagerFpu();
    List<Fix> fixes = new ArrayList<>();
    fixes.add(
        new Fix(
            "konrad-stts",
            "Set TS around the FPU-area allocation in math_state_restore()",
            "When xen_pv_domain(), call stts() before local_irq_enable() and clts() after local_irq_disable(), so the "
                + "handler sleeps with TS set and the next FPU user traps as on bare metal. Konrad Rzeszutek Wilk's patch, "
                + "following Jan Beulich's suggestion (Xen bug #40, 2015-09-11). "
                + "Try it on the recorded choices: trapscope replay TRACE -o NEW --set machine.patches=konrad-stts",
            allocatingKernel && !machine.has(Patch.KONRAD_STTS)));
    fixes.add(
        new Fix(
            "linux-4.2",
            "Run Linux 4.2 or later",
            "The x86 FPU rewrite of Linux 4.2 made the FPU state part of task_struct (0c8c0f03e3a2 \"x86/fpu, sched: "
                + "Dynamically allocate 'struct fpu'\"): the #NM path no longer allocates, so it cannot sleep with TS clear. "
                + "Konrad could not reproduce the bug on it in two weeks of testing. "
                + "Try it on the recorded choices: trapscope replay TRACE -o NEW --set machine.kernel=linux-4.2",
            machine.kernel() != Kernel.LINUX_4_2));
    fixes.add(
        new Fix(
            "eagerfpu",
            "Boot with eagerfpu=on",
            "With eager FPU switching (Linux 3.7, 304bceda6a18) TS is never set for user tasks and every switch saves and "
                + "restores, so there is no #NM and no window; Linux made it the default in 4.6 (58122bf1d856). "
                + "Try it on the recorded choices: trapscope replay TRACE -o NEW --set machine.kernel=linux-3.11 --set machine.eagerfpu=true",
            eagerCapable && !machine.eagerfpu()));
    fixes.add(
        new Fix(
            "not-in-xen",
            "Do not fix it by keeping TS set in Xen",
            "Clearing the guest's TS before delivering #NM is part of the PV ABI: XenoLinux's handler relies on it "
                + "(\"'clts' is done for us by Xen during virtual trap\"). Zhu Yanhai's Xen patch broke that and was "
                + "rejected (Jan Beulich, 2013-11-06); trapscope's xen-pv-keep-ts shows why.",
            false));
    return fixes;
  }

  static List<Fix> nested(Scenario scenario) {
    MachineConfig machine = scenario.machine();
    List<Fix> fixes = new ArrayList<>();
    fixes.add(
        new Fix(
            "pv-abi-clear-ts",
            "Keep Xen clearing the guest's TS before delivering #NM",
            "The PV ABI: Xen's do_device_not_available clears the virtual TS before do_guest_trap, and XenoLinux's "
                + "math_state_restore depends on it. The patch that kept TS set was rejected for breaking every forward-ported "
                + "kernel (Jan Beulich, 2013-11-06). Try it on the recorded choices: trapscope replay TRACE -o NEW --set machine.hypervisor=xen-pv",
            machine.hypervisor() == Hypervisor.XEN_PV_KEEP_TS));
    fixes.add(
        new Fix(
            "guest-clts",
            "Or clear TS in the guest's handler",
            "Have the handler clear TS itself (HYPERVISOR_fpu_taskswitch(0), as pvops clts() does) before it restores "
                + "the FPU state; pvops kernels do, which is why they are unaffected.",
            machine.kernel() == Kernel.XENOLINUX));
    return fixes;
  }
}
