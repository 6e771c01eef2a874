package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * When to cut a run short; a cut run's trace says so, and analysis of it is inconclusive.
 *
 * @param maxEvents events after which the run stops
 * @param maxTicks emulated time after which the run stops
 */
@JsonPropertyOrder({"maxEvents", "maxTicks"})
public record LimitsConfig(long maxEvents, long maxTicks) {
  static LimitsConfig defaults() {
    return new LimitsConfig(100_000_000L, 1_000_000_000_000L);
  }
}
