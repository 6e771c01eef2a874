package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The event type the listener asks {@code HVMOP_inject_trap} for when it re-injects a guest's INT3. */
public enum InjectionType implements Named {
  /** {@code HVMOP_TRAP_sw_exc}: delivery advances RIP by the instruction length, as the INT3 itself would. */
  @JsonProperty("sw")
  SOFTWARE("sw"),
  /** {@code HVMOP_TRAP_hw_exc}: delivery leaves RIP on the INT3, which the guest then executes again. */
  @JsonProperty("hw")
  HARDWARE("hw");

  private final String id;

  InjectionType(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
