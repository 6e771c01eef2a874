package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code HVMPME_mode_*}: whether a memory event is sent, and whether the vCPU waits for the answer. */
public enum EventMode implements Named {
  @JsonProperty("disabled")
  DISABLED("disabled", 0),
  /** The request is sent and the vCPU runs on. */
  @JsonProperty("async")
  ASYNC("async", 1),
  /** The request carries {@code MEM_EVENT_FLAG_VCPU_PAUSED}: the vCPU is paused until the response. */
  @JsonProperty("sync")
  SYNC("sync", 2);

  /** {@code HVMPME_onchangeonly}. */
  public static final int ONCHANGEONLY = 1 << 2;

  private final String id;
  private final int bits;

  EventMode(String id, int bits) {
    this.id = id;
    this.bits = bits;
  }

  @Override
  public String id() {
    return id;
  }

  /** The {@code HVMPME_MODE_MASK} bits of the parameter's value. */
  public int bits() {
    return bits;
  }
}
