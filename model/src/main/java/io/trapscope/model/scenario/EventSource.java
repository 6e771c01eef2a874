package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trapscope.model.vocabulary.HvmParameter;
import io.trapscope.model.vocabulary.MemoryEventReason;

/** What a memory event reports: a control-register write or an INT3, with Xen's numbers for it. */
public enum EventSource implements Named {
  @JsonProperty("cr0")
  CR0("cr0", HvmParameter.MEMORY_EVENT_CR0, MemoryEventReason.CR0),
  @JsonProperty("cr3")
  CR3("cr3", HvmParameter.MEMORY_EVENT_CR3, MemoryEventReason.CR3),
  @JsonProperty("cr4")
  CR4("cr4", HvmParameter.MEMORY_EVENT_CR4, MemoryEventReason.CR4),
  @JsonProperty("int3")
  INT3("int3", HvmParameter.MEMORY_EVENT_INT3, MemoryEventReason.INT3);

  private final String id;
  private final HvmParameter parameter;
  private final MemoryEventReason reason;

  EventSource(String id, HvmParameter parameter, MemoryEventReason reason) {
    this.id = id;
    this.parameter = parameter;
    this.reason = reason;
  }

  @Override
  public String id() {
    return id;
  }

  /** {@code HVM_PARAM_MEMORY_EVENT_*}: the number of the parameter that configures it. */
  public int parameter() {
    return parameter.code();
  }

  /** {@code MEM_EVENT_REASON_*}: the reason field of its requests. */
  public int reason() {
    return reason.code();
  }

  /** The source configured by {@code parameter}, or null. */
  public static EventSource byParameter(int parameter) {
    for (EventSource source : values()) {
      if (source.parameter() == parameter) {
        return source;
      }
    }
    return null;
  }
}
