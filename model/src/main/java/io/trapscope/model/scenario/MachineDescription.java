package io.trapscope.model.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Describes a scenario's machine to a person, the one renderer every report and listing uses, from the
 * typed scenario, so that what it says is what the emulator ran (defaults included).
 */
public final class MachineDescription {
  private MachineDescription() {}

  /**
   * "xen-pv, linux-2.6.32" plus patches, eagerfpu and vCPUs when they are not the defaults; for an HVM guest
   * with memory events, the Xen release and the introspection in use as well.
   */
  public static String summary(Scenario scenario) {
    MachineConfig machine = scenario.machine();
    boolean memoryEvents = memoryEventsInUse(scenario);
    StringBuilder text = new StringBuilder(machine.hypervisor().id());
    if (memoryEvents) {
      text.append(" (").append(machine.xen().id()).append(')');
    }
    text.append(", ").append(machine.kernel().id());
    for (Patch patch : machine.patches()) {
      text.append(" + ").append(patch.id());
    }
    if (machine.eagerfpu()) {
      text.append(", eagerfpu");
    }
    if (machine.vcpus() > 1) {
      text.append(", ").append(machine.vcpus()).append(" vCPUs");
    }
    if (memoryEvents) {
      summariseIntrospection(scenario.introspection(), text);
    }
    return text.toString();
  }

  /** Every machine field, for {@code inspect}: "xen-hvm (xen-4.1), linux-2.6.32, no patches, eagerfpu off, 1 vCPU". */
  public static String full(MachineConfig machine) {
    List<String> parts = new ArrayList<>();
    String hypervisor = machine.hypervisor().id();
    parts.add(machine.hypervisor() == Hypervisor.XEN_HVM ? hypervisor + " (" + machine.xen().id() + ")" : hypervisor);
    parts.add(machine.kernel().id());
    List<String> patches = new ArrayList<>();
    machine.patches().forEach(patch -> patches.add(patch.id()));
    parts.add(patches.isEmpty() ? "no patches" : "patches " + String.join(", ", patches));
    parts.add("eagerfpu " + (machine.eagerfpu() ? "on" : "off"));
    parts.add(machine.vcpus() + (machine.vcpus() == 1 ? " vCPU" : " vCPUs"));
    return String.join(", ", parts);
  }

  /**
   * "ring 8 slots, cr3 async onchangeonly, int3 sync; listener latency 1-8 ticks, ...", or the empty
   * string for a guest without memory events.
   */
  public static String monitoring(Scenario scenario) {
    if (scenario.machine().hypervisor() != Hypervisor.XEN_HVM) {
      return "";
    }
    IntrospectionConfig introspection = scenario.introspection();
    List<String> parts = new ArrayList<>();
    for (EventSource source : EventSource.values()) {
      EventSetting setting = introspection.setting(source);
      if (setting.mode() != EventMode.DISABLED) {
        parts.add(source.id() + " " + setting.mode().id() + (setting.onchangeonly() ? " onchangeonly" : ""));
      }
    }
    if (introspection.protectStack()) {
      parts.add("stacks write-protected");
    }
    ListenerConfig listener = introspection.listener();
    if (!listener.connected()) {
      return parts.isEmpty() ? "" : String.join(", ", parts) + ", no listener";
    }
    parts.add(0, "ring " + introspection.ringSlotsFor(scenario.machine().xen()) + " slots");
    List<String> agent = new ArrayList<>();
    agent.add("latency " + listener.latencyTicksMin() + "-" + listener.latencyTicksMax() + " ticks");
    if (listener.hookSyscalls()) {
      agent.add("hooks system calls");
    }
    if (listener.pageInProbability() > 0) {
      agent.add("pages in with #PF (" + listener.pageInProbability() + ")");
    }
    if (introspection.int3().mode() != EventMode.DISABLED) {
      agent.add("re-injects INT3 " + listener.reinjectType().id() + " length " + listener.reinjectLength());
    }
    if (introspection.listenerInjects()) {
      agent.add("on -EBUSY " + listener.onBusy().id());
    }
    if (!listener.answerSync()) {
      agent.add("never answers sync requests");
    }
    return String.join(", ", parts) + "; listener " + String.join(", ", agent);
  }

  /** Whether the guest is an HVM guest with memory events in use: the memory-event rules' mechanism. */
  public static boolean memoryEventsInUse(Scenario scenario) {
    return scenario.machine().hypervisor() == Hypervisor.XEN_HVM && scenario.introspection().active();
  }

  private static void summariseIntrospection(IntrospectionConfig introspection, StringBuilder text) {
    for (EventSource source : EventSource.values()) {
      EventSetting setting = introspection.setting(source);
      if (setting.mode() != EventMode.DISABLED) {
        text.append(", ").append(source.id()).append(' ').append(setting.mode().id());
      }
    }
    ListenerConfig listener = introspection.listener();
    if (!listener.connected()) {
      text.append(", no listener");
      return;
    }
    List<String> policy = new ArrayList<>();
    if (introspection.int3().mode() != EventMode.DISABLED) {
      policy.add("re-inject " + listener.reinjectType().id() + " length " + listener.reinjectLength());
    }
    if (introspection.listenerInjects()) {
      policy.add("on -EBUSY " + listener.onBusy().id());
    }
    if (!listener.answerSync()) {
      policy.add("leaves sync requests unanswered");
    }
    text.append(", listener");
    if (!policy.isEmpty()) {
      text.append(" (").append(String.join(", ", policy)).append(')');
    }
  }
}
