package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.trapscope.model.workload.Workload;
import java.util.List;

/**
 * What the guest runs; {@code name} selects the workload and its parameters. Each workload's configuration
 * describes, validates and builds itself, and {@link WorkloadType} registers it, so the JSON subtypes, the
 * defaults and the list of names all come from that one place.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "name", visible = true)
public interface WorkloadConfig {
  /** The workload's name, as in {@code workload.name}. */
  String name();

  /** What the workload does, in one line, for listings. */
  @JsonIgnore
  String summary();

  /** Whether the workload needs an HVM guest (its operations exit to Xen). */
  @JsonIgnore
  default boolean needsHvm() {
    return false;
  }

  /** Checks the workload's own fields, naming them {@code workload.FIELD}; the scenario's rules are checked apart. */
  void validate(Checker check);

  /** The programs and the boot tasks this configuration describes; call only on a validated configuration. */
  Workload build();

  /** The defaults of the workload called {@code name}, or null if there is none. */
  static WorkloadConfig defaultsFor(String name) {
    WorkloadType type = WorkloadType.byName(name);
    return type == null ? null : type.defaults();
  }

  /** Every workload name, in a stable order. */
  static List<String> names() {
    return WorkloadType.names();
  }
}
