package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A guest task that calls {@code HVMOP_set_param} on its own domain for a memory-event parameter (a
 * driver or rootkit switching the agent's intercepts off), beside shell loops that keep the guest busy.
 *
 * @param name always {@code self-param}
 * @param loops background shell loops
 * @param processes processes each background loop starts
 * @param parameter the parameter the guest sets on itself
 * @param mode the mode it sets
 * @param delayOps user operations the task runs before the call
 */
@JsonPropertyOrder({"name", "loops", "processes", "parameter", "mode", "delayOps"})
public record SelfParamConfig(String name, int loops, int processes, EventSource parameter, EventMode mode, int delayOps)
    implements WorkloadConfig {
  public static final String NAME = "self-param";

  static SelfParamConfig defaults() {
    return new SelfParamConfig(NAME, 2, 20, EventSource.INT3, EventMode.DISABLED, 20);
  }

  @Override
  public boolean needsHvm() {
    return true;
  }
}
