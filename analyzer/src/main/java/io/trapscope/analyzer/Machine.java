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
 */
public record Machine(String hypervisor, String kernel, List<String> patches, boolean eagerfpu, int vcpus) {
  public Machine {
    patches = List.copyOf(patches);
  }

  /** Reads the {@code machine} section of a resolved scenario. */
  public static Machine of(JsonNode scenario) {
    JsonNode machine = scenario.path("machine");
    List<String> patches = new ArrayList<>();
    machine.path("patches").forEach(patch -> patches.add(patch.asText()));
    return new Machine(
        machine.path("hypervisor").asText("unknown"),
        machine.path("kernel").asText("unknown"),
        patches,
        machine.path("eagerfpu").asBoolean(false),
        machine.path("vcpus").asInt(1));
  }

  /** "xen-pv, linux-2.6.32" plus patches, eagerfpu and vCPUs when they are not the defaults. */
  public String describe() {
    StringBuilder text = new StringBuilder(hypervisor).append(", ").append(kernel);
    for (String patch : patches) {
      text.append(" + ").append(patch);
    }
    if (eagerfpu) {
      text.append(", eagerfpu");
    }
    if (vcpus > 1) {
      text.append(", ").append(vcpus).append(" vCPUs");
    }
    return text.toString();
  }
}
