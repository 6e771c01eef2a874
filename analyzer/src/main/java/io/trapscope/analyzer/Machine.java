package io.trapscope.analyzer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The traced machine as the manifest's scenario describes it, read as plain strings: the analyzer sees the
 * trace, not the emulator's types.
 *
 * @param hypervisor such as {@code xen-pv}
 * @param kernel such as {@code linux-2.6.32}
 * @param patches applied patches
 * @param eagerfpu whether {@code eagerfpu=on}
 * @param vcpus virtual CPUs
 * @param xen the Xen release modelled for memory events and injection: {@code xen-4.1}, {@code xen-4.2} or
 *     {@code xen-4.9}
 * @param introspection the memory-event settings and the listener
 */
public record Machine(
    String hypervisor, String kernel, List<String> patches, boolean eagerfpu, int vcpus, String xen, Introspection introspection) {
  public Machine {
    patches = List.copyOf(patches);
  }

  /** Reads the {@code machine} and {@code introspection} sections of a resolved scenario. */
  public static Machine of(JsonNode scenario) {
    JsonNode machine = scenario.path("machine");
    List<String> patches = new ArrayList<>();
    machine.path("patches").forEach(patch -> patches.add(patch.asText()));
    return new Machine(
        machine.path("hypervisor").asText("unknown"),
        machine.path("kernel").asText("unknown"),
        patches,
        machine.path("eagerfpu").asBoolean(false),
        machine.path("vcpus").asInt(1),
        machine.path("xen").asText("unknown"),
        Introspection.of(scenario.path("introspection")));
  }

  /** Whether the guest is an HVM guest with memory events in use: the memory-event rules' mechanism. */
  public boolean memoryEventsActive() {
    return hypervisor.equals("xen-hvm") && introspection.active();
  }

  /**
   * "xen-pv, linux-2.6.32" plus patches, eagerfpu and vCPUs when they are not the defaults; for an HVM guest
   * with memory events, the Xen release and the introspection in use as well.
   */
  public String describe() {
    StringBuilder text = new StringBuilder(hypervisor);
    if (memoryEventsActive()) {
      text.append(" (").append(xen).append(')');
    }
    text.append(", ").append(kernel);
    for (String patch : patches) {
      text.append(" + ").append(patch);
    }
    if (eagerfpu) {
      text.append(", eagerfpu");
    }
    if (vcpus > 1) {
      text.append(", ").append(vcpus).append(" vCPUs");
    }
    if (memoryEventsActive()) {
      describeIntrospection(text);
    }
    return text.toString();
  }

  private void describeIntrospection(StringBuilder text) {
    String[] names = {"cr0", "cr3", "cr4", "int3"};
    Introspection.Setting[] settings = {introspection.cr0(), introspection.cr3(), introspection.cr4(), introspection.int3()};
    for (int index = 0; index < names.length; index++) {
      if (settings[index].enabled()) {
        text.append(", ").append(names[index]).append(' ').append(settings[index].mode());
      }
    }
    Introspection.Listener listener = introspection.listener();
    if (!listener.connected()) {
      text.append(", no listener");
      return;
    }
    List<String> policy = new ArrayList<>();
    if (introspection.int3().enabled()) {
      policy.add("re-inject " + listener.reinjectType() + " length " + listener.reinjectLength());
    }
    if (introspection.listenerInjects()) {
      policy.add("on -EBUSY " + listener.onBusy());
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
