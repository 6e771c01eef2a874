package io.trapscope.emulator;

import io.trapscope.model.scenario.Hypervisor;
import io.trapscope.model.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every hypervisor feature, registered once with the scenarios that get it. A machine's features are
 * built, and called, in the order of these constants, which keeps a run deterministic. Adding a feature is
 * its class and one constant here.
 */
enum Features {
  /** Memory events and trap injection exist only for HVM guests (Xen's {@code mem_event}, {@code HVMOP_inject_trap}). */
  INTROSPECTION(scenario -> scenario.machine().hypervisor() == Hypervisor.XEN_HVM, Introspection::new);

  /** Builds one feature for one machine. */
  @FunctionalInterface
  interface Factory {
    Feature create(MachineServices services, Scenario scenario, Vcpu[] vcpus);
  }

  private final Predicate<Scenario> applies;
  private final Factory factory;

  Features(Predicate<Scenario> applies, Factory factory) {
    this.applies = applies;
    this.factory = factory;
  }

  /** The features {@code scenario}'s machine has, in registration order; empty for a guest without any. */
  static Feature[] build(MachineServices services, Scenario scenario, Vcpu[] vcpus) {
    List<Feature> built = new ArrayList<>();
    for (Features feature : values()) {
      if (feature.applies.test(scenario)) {
        built.add(feature.factory.create(services, scenario, vcpus));
      }
    }
    return built.toArray(new Feature[0]);
  }
}
