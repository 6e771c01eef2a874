package io.trapscope.benchmarks;

import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.ScenarioCodec;
import java.util.List;

/** The scenarios the benchmarks run: the seeds' cases, scaled up. */
final class Workloads {
  private Workloads() {}

  /** fpu-memcmp on the seed's machine with four loops of {@code processes} processes each. */
  static Scenario memcmp(int processes) {
    return ScenarioCodec.parse(
        "{\"seed\": 40, \"workload\": {\"name\": \"fpu-memcmp\", \"loops\": 4, \"processes\": " + processes + "}}",
        "benchmark",
        List.of(),
        null);
  }

  /**
   * The int3-reinject sample on Xen 4.9 (so that no double fault panics the guest and the run goes to its
   * end), four debugged processes of {@code iterations} iterations each: every path of the memory-event
   * model, faults in delivery, page-ins, retries and dropped injections included.
   */
  static Scenario int3Reinject(int iterations) {
    return ScenarioCodec.parse(
        "{\"seed\": 40, \"machine\": {\"hypervisor\": \"xen-hvm\", \"xen\": \"xen-4.9\", \"kernel\": \"linux-3.11\"},"
            + " \"guest\": {\"faultInDeliveryProbability\": 0.05, \"interruptProbability\": 0.05},"
            + " \"workload\": {\"name\": \"int3-reinject\", \"tasks\": 4, \"iterations\": " + iterations + "},"
            + " \"introspection\": {\"int3\": {\"mode\": \"sync\"}, \"protectStack\": true,"
            + " \"listener\": {\"connected\": true, \"hookSyscalls\": true, \"pageInProbability\": 0.2}}}",
        "benchmark",
        List.of(),
        null);
  }
}
