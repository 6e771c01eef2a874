package io.trapscope.emulator.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What the guest runs; {@code name} selects the workload and its parameters. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "name", visible = true)
@JsonSubTypes({
  @JsonSubTypes.Type(value = FpuMemcmpConfig.class, name = FpuMemcmpConfig.NAME),
  @JsonSubTypes.Type(value = FpuMixedConfig.class, name = FpuMixedConfig.NAME)
})
public sealed interface WorkloadConfig permits FpuMemcmpConfig, FpuMixedConfig {
  /** The workload's name, as in {@code workload.name}. */
  String name();

  /** The defaults of the workload called {@code name}, or null if there is none. */
  static WorkloadConfig defaultsFor(String name) {
    switch (name) {
      case FpuMemcmpConfig.NAME:
        return FpuMemcmpConfig.defaults();
      case FpuMixedConfig.NAME:
        return FpuMixedConfig.defaults();
      default:
        return null;
    }
  }

  /** Every workload name, in a stable order. */
  static java.util.List<String> names() {
    return java.util.List.of(FpuMemcmpConfig.NAME, FpuMixedConfig.NAME);
  }
}
