package io.trapscope.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.ScenarioCodec;
import io.trapscope.model.scenario.WorkloadConfig;
import io.trapscope.model.scenario.WorkloadType;
import io.trapscope.model.vocabulary.EndReason;
import io.trapscope.model.workload.Workload;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workload and feature registries: each entry is complete and the machine runs what they list. */
class RegistriesTest {
  @Test
  void everyRegisteredWorkloadParsesBuildsAndRunsToTheEnd() {
    for (WorkloadType type : WorkloadType.values()) {
      String hypervisor = type.defaults().needsHvm() ? "xen-hvm" : "xen-pv";
      Scenario scenario = Runs.scenario("{}", "workload.name=" + type.id(), "machine.hypervisor=" + hypervisor);
      assertEquals(type.configClass(), scenario.workload().getClass(), type.id());
      assertEquals(scenario, ScenarioCodec.parse(ScenarioCodec.toJson(scenario), "round trip", List.of(), null), type.id());
      assertTrue(!scenario.workload().summary().isBlank() && !scenario.workload().summary().contains("\n"), type.id());
      Workload workload = Workload.of(scenario.workload());
      assertEquals(type.id().startsWith("fpu-"), workload.usesFpu(), type.id());
      RecordingSink run = Runs.run(scenario);
      assertTrue(run.result.endReason() != EndReason.MAX_EVENTS && run.result.events() > 0, type.id() + ": " + run.result);
    }
  }

  @Test
  void workloadNamesAreUniqueAndEachNamesItsDefaults() {
    List<String> names = WorkloadConfig.names();
    assertEquals(WorkloadType.values().length, new HashSet<>(names).size());
    for (String name : names) {
      assertEquals(name, WorkloadConfig.defaultsFor(name).name());
    }
    assertEquals(null, WorkloadConfig.defaultsFor("fpu-memcpy"));
  }

  @Test
  void onlyHvmGuestsGetIntrospectionAndParavirtualOnesNoFeatureAtAll() {
    for (String hypervisor : List.of("native", "xen-pv", "xen-pv-keep-ts")) {
      Scenario scenario = Runs.scenario("{}", "machine.hypervisor=" + hypervisor);
      assertEquals(0, Features.build(new Machine(scenario, null, null), scenario, new Vcpu[0]).length, hypervisor);
    }
    Scenario hvm = Runs.scenario("{}", "machine.hypervisor=xen-hvm");
    Feature[] features = Features.build(new Machine(hvm, null, null), hvm, new Vcpu[] {new Vcpu(0, true)});
    assertEquals(1, features.length);
    assertTrue(features[0] instanceof Introspection);
  }
}
