package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the listener does when {@code HVMOP_inject_trap} answers {@code -EBUSY}. */
public enum BusyPolicy implements Named {
  /** Answer the request so the vCPU can run and empty its slot, then try again after a latency. */
  @JsonProperty("retry")
  RETRY("retry"),
  /** Give up on the injection, as a caller that does not check the return code does. */
  @JsonProperty("ignore")
  IGNORE("ignore");

  private final String id;

  BusyPolicy(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
