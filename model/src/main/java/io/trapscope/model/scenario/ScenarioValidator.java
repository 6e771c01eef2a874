package io.trapscope.model.scenario;

import java.util.HashSet;
import java.util.Set;

/** Checks the values and combinations a scenario may hold; bounds every count the machine allocates by. */
final class ScenarioValidator {
  static final int DESCRIPTION_CHARS_MAX = 1000;

  private ScenarioValidator() {}

  static void validate(Scenario scenario, String source) {
    Checker check = new Checker(source);
    check.that(scenario.description() != null, "description", "expected a string");
    check.that(scenario.description().length() <= DESCRIPTION_CHARS_MAX, "description", "longer than " + DESCRIPTION_CHARS_MAX + " characters");
    validateMachine(scenario.machine(), check);
    GuestConfig guest = scenario.guest();
    check.probability(guest.preemptProbability(), "guest.preemptProbability");
    check.probability(guest.allocSleepProbability(), "guest.allocSleepProbability");
    check.ticks(guest.allocSleepTicksMin(), guest.allocSleepTicksMax(), "guest.allocSleepTicks");
    check.probability(guest.faultInDeliveryProbability(), "guest.faultInDeliveryProbability");
    check.probability(guest.interruptProbability(), "guest.interruptProbability");
    check.probability(guest.nmiProbability(), "guest.nmiProbability");
    WorkloadConfig workload = scenario.workload();
    workload.validate(check);
    boolean hvm = scenario.machine().hypervisor() == Hypervisor.XEN_HVM;
    check.that(
        hvm || !workload.needsHvm(),
        "machine.hypervisor",
        "workload " + workload.name() + " runs an HVM guest under Xen: set machine.hypervisor to xen-hvm, not "
            + scenario.machine().hypervisor().id());
    validateIntrospection(scenario.introspection(), scenario.machine(), hvm, check);
    check.that(scenario.limits().maxEvents() >= 1, "limits.maxEvents", "must be at least 1");
    check.that(scenario.limits().maxTicks() >= 1, "limits.maxTicks", "must be at least 1");
  }

  private static void validateMachine(MachineConfig machine, Checker check) {
    check.that(machine.hypervisor() != null, "machine.hypervisor", "missing");
    check.that(machine.kernel() != null, "machine.kernel", "missing");
    check.that(machine.xen() != null, "machine.xen", "missing");
    check.range(machine.vcpus(), 1, MachineConfig.VCPUS_MAX, "machine.vcpus");
    check.probability(machine.hvDescheduleProbability(), "machine.hvDescheduleProbability");
    check.ticks(machine.hvDescheduleTicksMin(), machine.hvDescheduleTicksMax(), "machine.hvDescheduleTicks");
    check.range(machine.hvSliceTicks(), 1, Checker.TICKS_MAX, "machine.hvSliceTicks");
    Kernel kernel = machine.kernel();
    check.that(
        kernel != Kernel.XENOLINUX || machine.hypervisor().isParavirtual(),
        "machine.kernel",
        "xenolinux boots only as a Xen PV guest (hypervisor xen-pv or xen-pv-keep-ts), not on "
            + machine.hypervisor().id());
    check.that(
        !machine.eagerfpu() || kernel.supportsEagerFpu(),
        "machine.eagerfpu",
        kernel.id() + " has no eagerfpu parameter (it came with Linux 3.7: use linux-3.11 or linux-4.2)");
    Set<Patch> seen = new HashSet<>();
    for (int index = 0; index < machine.patches().size(); index++) {
      Patch patch = machine.patches().get(index);
      String path = "machine.patches[" + index + "]";
      check.that(patch != null, path, "missing");
      check.that(seen.add(patch), path, patch.id() + " is listed twice");
      if (patch == Patch.KONRAD_STTS) {
        check.that(
            kernel == Kernel.LINUX_2_6_32 || kernel == Kernel.LINUX_3_11,
            path,
            "konrad-stts patches the allocating #NM handler of linux-2.6.32 and linux-3.11, not " + kernel.id());
      }
    }
  }

  private static void validateIntrospection(IntrospectionConfig introspection, MachineConfig machine, boolean hvm, Checker check) {
    check.that(
        hvm || !introspection.active(),
        "introspection",
        "memory events need an HVM guest: set machine.hypervisor to xen-hvm, not " + machine.hypervisor().id());
    int slots = introspection.ringSlots();
    check.range(slots, 0, IntrospectionConfig.RING_SLOTS_MAX, "introspection.ringSlots");
    check.that(
        Integer.bitCount(slots) <= 1,
        "introspection.ringSlots",
        "a ring holds a power of two of slots (RING_SIZE rounds down), got " + slots);
    check.that(
        !machine.xen().dropsWhenRingFull() || introspection.ringSlotsFor(machine.xen()) > XenVersion.RING_THRESHOLD_4_1,
        "introspection.ringSlots",
        machine.xen().id() + " reports a ring full below " + XenVersion.RING_THRESHOLD_4_1 + " free slots, so a ring of "
            + introspection.ringSlotsFor(machine.xen()) + " never takes a request");
    check.that(
        !machine.xen().profile().int3AlwaysSync() || introspection.int3().mode() != EventMode.ASYNC,
        "introspection.int3.mode",
        machine.xen().id() + " sends software breakpoint events sync only (hvm_monitor_debug, 4.9.0 monitor.c:122-129): "
            + "set introspection.int3.mode to sync");
    String[] names = {"cr0", "cr3", "cr4", "int3"};
    EventSetting[] settings = {introspection.cr0(), introspection.cr3(), introspection.cr4(), introspection.int3()};
    for (int index = 0; index < names.length; index++) {
      check.that(settings[index] != null && settings[index].mode() != null, "introspection." + names[index] + ".mode", "missing");
    }
    ListenerConfig listener = introspection.listener();
    check.that(
        !introspection.protectStack() || listener.connected(),
        "introspection.protectStack",
        "the listener protects the stack: set introspection.listener.connected to true");
    check.that(
        !listener.hookSyscalls() || (introspection.int3().mode() != EventMode.DISABLED && !introspection.int3().onchangeonly()),
        "introspection.listener.hookSyscalls",
        "the listener's breakpoints need INT3 capture: set introspection.int3.mode to sync or async");
    check.ticks(listener.latencyTicksMin(), listener.latencyTicksMax(), "introspection.listener.latencyTicks");
    check.probability(listener.pageInProbability(), "introspection.listener.pageInProbability");
    check.that(listener.reinjectType() != null, "introspection.listener.reinjectType", "missing");
    check.that(listener.onBusy() != null, "introspection.listener.onBusy", "missing");
    check.range(listener.reinjectLength(), 0, ListenerConfig.INSTRUCTION_LENGTH_MAX, "introspection.listener.reinjectLength");
    check.range(listener.retriesMax(), 0, Checker.OPERATIONS_MAX, "introspection.listener.retriesMax");
  }
}
