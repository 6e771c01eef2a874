package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What the guest runs; {@code name} selects the workload and its parameters. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "name", visible = true)
@JsonSubTypes({
  @JsonSubTypes.Type(value = FpuMemcmpConfig.class, name = FpuMemcmpConfig.NAME),
  @JsonSubTypes.Type(value = FpuMixedConfig.class, name = FpuMixedConfig.NAME),
  @JsonSubTypes.Type(value = Int3ReinjectConfig.class, name = Int3ReinjectConfig.NAME),
  @JsonSubTypes.Type(value = Cr3MonitorConfig.class, name = Cr3MonitorConfig.NAME),
  @JsonSubTypes.Type(value = SelfParamConfig.class, name = SelfParamConfig.NAME)
})
public sealed interface WorkloadConfig
    permits FpuMemcmpConfig, FpuMixedConfig, Int3ReinjectConfig, Cr3MonitorConfig, SelfParamConfig {
  /** The workload's name, as in {@code workload.name}. */
  String name();

  /** Whether the workload needs an HVM guest (its operations exit to Xen). */
  default boolean needsHvm() {
    return false;
  }

  /** The defaults of the workload called {@code name}, or null if there is none. */
  static WorkloadConfig defaultsFor(String name) {
    switch (name) {
      case FpuMemcmpConfig.NAME:
        return FpuMemcmpConfig.defaults();
      case FpuMixedConfig.NAME:
        return FpuMixedConfig.defaults();
      case Int3ReinjectConfig.NAME:
        return Int3ReinjectConfig.defaults();
      case Cr3MonitorConfig.NAME:
        return Cr3MonitorConfig.defaults();
      case SelfParamConfig.NAME:
        return SelfParamConfig.defaults();
      default:
        return null;
    }
  }

  /** Every workload name, in a stable order. */
  static java.util.List<String> names() {
    return java.util.List.of(
        FpuMemcmpConfig.NAME, FpuMixedConfig.NAME, Int3ReinjectConfig.NAME, Cr3MonitorConfig.NAME, SelfParamConfig.NAME);
  }
}
