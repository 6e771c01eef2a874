package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trapscope.model.vocabulary.Family;
import io.trapscope.model.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * One run's complete configuration; with a seed, it determines the run exactly.
 *
 * @param description what the scenario shows, for listings
 * @param seed the seed of the choice source
 * @param machine the hypervisor, kernel and vCPUs
 * @param guest rates of the guest kernel's nondeterministic events
 * @param workload what the guest runs
 * @param introspection memory events and the listener (HVM guests)
 * @param limits when to stop a run that has not finished
 */
@JsonPropertyOrder({"description", "seed", "machine", "guest", "workload", "introspection", "limits"})
public record Scenario(
    String description,
    long seed,
    MachineConfig machine,
    GuestConfig guest,
    WorkloadConfig workload,
    IntrospectionConfig introspection,
    LimitsConfig limits) {

  /**
   * The version of the machine model's rules, which the manifest records: the same scenario and seed give
   * the same run only under the same rules, so a replay under other rules is refused in one line. 1: until
   * 0.1.0's injection model; 2: the released Xen's injection model (VM-entry failures, re-arming, profiles).
   */
  public static final int MODEL_VERSION = 2;

  /** The defaults every scenario file starts from. */
  public static Scenario defaults() {
    return new Scenario(
        "", 1, MachineConfig.defaults(), GuestConfig.defaults(), FpuMemcmpConfig.defaults(), IntrospectionConfig.defaults(),
        LimitsConfig.defaults());
  }

  /** A copy with another seed. */
  public Scenario withSeed(long newSeed) {
    return new Scenario(description, newSeed, machine, guest, workload, introspection, limits);
  }

  /**
   * The bug families this run exercises, as the manifest declares them: lazy FPU when the workload uses the
   * FPU, memory events when an HVM guest has them in use. The analyzer's scope follows this, not names.
   */
  public List<Family> families() {
    List<Family> families = new ArrayList<>();
    if (Workload.of(workload).usesFpu()) {
      families.add(Family.LAZY_FPU);
    }
    if (machine.hypervisor() == Hypervisor.XEN_HVM && introspection.active()) {
      families.add(Family.MEMORY_EVENTS);
    }
    return families;
  }
}
