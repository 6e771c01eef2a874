package io.trapscope.model.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every workload, registered once: its name in {@code workload.name}, its configuration class (the JSON
 * binding's subtype) and its defaults. Adding a workload is a configuration class and one constant here.
 */
public enum WorkloadType {
  FPU_MEMCMP(FpuMemcmpConfig.NAME, FpuMemcmpConfig.class, FpuMemcmpConfig::defaults),
  FPU_MIXED(FpuMixedConfig.NAME, FpuMixedConfig.class, FpuMixedConfig::defaults),
  INT3_REINJECT(Int3ReinjectConfig.NAME, Int3ReinjectConfig.class, Int3ReinjectConfig::defaults),
  CR3_MONITOR(Cr3MonitorConfig.NAME, Cr3MonitorConfig.class, Cr3MonitorConfig::defaults),
  SELF_PARAM(SelfParamConfig.NAME, SelfParamConfig.class, SelfParamConfig::defaults);

  private static final List<String> NAMES = namesInOrder();

  private final String id;
  private final Class<? extends WorkloadConfig> configClass;
  private final Supplier<? extends WorkloadConfig> defaults;

  WorkloadType(String id, Class<? extends WorkloadConfig> configClass, Supplier<? extends WorkloadConfig> defaults) {
    this.id = id;
    this.configClass = configClass;
    this.defaults = defaults;
  }

  /** The name, as in {@code workload.name}. */
  public String id() {
    return id;
  }

  /** The record a workload section of this name binds to. */
  public Class<? extends WorkloadConfig> configClass() {
    return configClass;
  }

  /** A fresh copy of the defaults a scenario naming this workload starts from. */
  public WorkloadConfig defaults() {
    return defaults.get();
  }

  /** The workload called {@code name}, or null if there is none. */
  public static WorkloadType byName(String name) {
    for (WorkloadType type : values()) {
      if (type.id.equals(name)) {
        return type;
      }
    }
    return null;
  }

  /** Every workload name, in declaration order. */
  public static List<String> names() {
    return NAMES;
  }

  private static List<String> namesInOrder() {
    List<String> names = new ArrayList<>();
    for (WorkloadType type : values()) {
      names.add(type.id);
    }
    return Collections.unmodifiableList(names);
  }
}
