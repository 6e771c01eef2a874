package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Patches that can be applied to a kernel profile. */
public enum Patch implements Named {
  /**
   * Konrad Rzeszutek Wilk's fix (seed 003, last message): when {@code xen_pv_domain()}, {@code stts()}
   * before enabling IRQs for the allocation and {@code clts()} after disabling them.
   */
  @JsonProperty("konrad-stts")
  KONRAD_STTS("konrad-stts");

  private final String id;

  Patch(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
