package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How often the guest kernel's nondeterministic events happen.
 *
 * @param preemptProbability per user-mode operation, the chance that the timer tick preempts the task
 * @param allocSleepProbability the chance that the FPU-area allocation in the #NM handler sleeps (memory
 *     pressure; the seed's machines saw it rarely, which is why they needed two hours)
 * @param allocSleepTicksMin shortest sleep of such an allocation
 * @param allocSleepTicksMax longest sleep of such an allocation
 * @param faultInDeliveryProbability per exception or interrupt delivered in an HVM guest, the chance that
 *     delivering it faults on the kernel stack page and exits to Xen with the event still pending
 * @param interruptProbability per step a task runs on an HVM vCPU, the chance that a device interrupt
 *     arrives for that vCPU
 * @param nmiProbability per step a task runs on an HVM vCPU, the chance that an NMI arrives for that vCPU
 *     (the perf NMI watchdog's counter overflowing, or another CPU's NMI backtrace request)
 */
@JsonPropertyOrder({
  "preemptProbability", "allocSleepProbability", "allocSleepTicksMin", "allocSleepTicksMax",
  "faultInDeliveryProbability", "interruptProbability", "nmiProbability"
})
public record GuestConfig(
    double preemptProbability,
    double allocSleepProbability,
    long allocSleepTicksMin,
    long allocSleepTicksMax,
    double faultInDeliveryProbability,
    double interruptProbability,
    double nmiProbability) {

  static GuestConfig defaults() {
    return new GuestConfig(0.05, 0.3, 2, 30, 0, 0, 0);
  }
}
