package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One {@code HVM_PARAM_MEMORY_EVENT_*} parameter as the listener sets it at boot.
 *
 * @param mode disabled, async or sync
 * @param onchangeonly send only writes that change the register ({@code -EINVAL} for INT3)
 */
@JsonPropertyOrder({"mode", "onchangeonly"})
public record EventSetting(EventMode mode, boolean onchangeonly) {
  static EventSetting disabled() {
    return new EventSetting(EventMode.DISABLED, false);
  }

  /** The parameter's value: the mode bits, plus {@code HVMPME_onchangeonly}. */
  public int value() {
    return mode.bits() | (onchangeonly ? EventMode.ONCHANGEONLY : 0);
  }
}
