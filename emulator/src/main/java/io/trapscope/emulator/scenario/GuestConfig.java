package io.trapscope.emulator.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How often the guest kernel's nondeterministic events happen.
 *
 * @param preemptProbability per user-mode operation, the chance that the timer tick preempts the task
 * @param allocSleepProbability the chance that the FPU-area allocation in the #NM handler sleeps (memory
 *     pressure; the seed's machines saw it rarely, which is why they needed two hours)
 * @param allocSleepTicksMin shortest sleep of such an allocation
 * @param allocSleepTicksMax longest sleep of such an allocation
 */
@JsonPropertyOrder({"preemptProbability", "allocSleepProbability", "allocSleepTicksMin", "allocSleepTicksMax"})
public record GuestConfig(
    double preemptProbability, double allocSleepProbability, long allocSleepTicksMin, long allocSleepTicksMax) {

  static GuestConfig defaults() {
    return new GuestConfig(0.05, 0.3, 2, 30);
  }
}
