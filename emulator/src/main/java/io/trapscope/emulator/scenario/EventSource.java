package io.trapscope.emulator.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a memory event reports: a control-register write or an INT3, with Xen's numbers for it. */
public enum EventSource implements Named {
  @JsonProperty("cr0")
  CR0("cr0", 20, 2),
  @JsonProperty("cr3")
  CR3("cr3", 21, 3),
  @JsonProperty("cr4")
  CR4("cr4", 22, 4),
  @JsonProperty("int3")
  INT3("int3", 23, 5);

  /** {@code MEM_EVENT_REASON_VIOLATION}: an access that the page's {@code mem_access} rights forbid. */
  public static final int REASON_VIOLATION = 1;

  private final String id;
  private final int parameter;
  private final int reason;

  EventSource(String id, int parameter, int reason) {
    this.id = id;
    this.parameter = parameter;
    this.reason = reason;
  }

  @Override
  public String id() {
    return id;
  }

  /** {@code HVM_PARAM_MEMORY_EVENT_*}: the parameter that configures it. */
  public int parameter() {
    return parameter;
  }

  /** {@code MEM_EVENT_REASON_*}: the reason field of its requests. */
  public int reason() {
    return reason;
  }

  /** The source configured by {@code parameter}, or null. */
  public static EventSource byParameter(int parameter) {
    for (EventSource source : values()) {
      if (source.parameter == parameter) {
        return source;
      }
    }
    return null;
  }
}
