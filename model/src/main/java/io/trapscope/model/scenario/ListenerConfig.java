package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The introspection agent in the control domain that reads the ring: how fast it answers and what it does
 * with each request.
 *
 * @param connected whether an agent holds the ring at all; without one, INT3 goes back to the guest as #BP
 * @param latencyTicksMin shortest time the agent takes over one request or retry
 * @param latencyTicksMax longest such time
 * @param hookSyscalls the agent plants its own INT3 breakpoints on the guest's system call handlers
 * @param pageInProbability per request, the chance that guest memory the agent reads is paged out, so it
 *     injects a #PF to have the guest page it in
 * @param reinjectType the type it asks for when re-injecting a guest's own INT3 (Xen 4.2 and later)
 * @param reinjectLength the instruction length it passes with that re-injection (Xen 4.2 and later)
 * @param onBusy what it does when an injection is refused with {@code -EBUSY}
 * @param retriesMax attempts after the first before a retrying agent gives up
 * @param answerSync whether it answers requests that paused their vCPU
 */
@JsonPropertyOrder({
  "connected", "latencyTicksMin", "latencyTicksMax", "hookSyscalls", "pageInProbability",
  "reinjectType", "reinjectLength", "onBusy", "retriesMax", "answerSync"
})
public record ListenerConfig(
    boolean connected,
    long latencyTicksMin,
    long latencyTicksMax,
    boolean hookSyscalls,
    double pageInProbability,
    InjectionType reinjectType,
    int reinjectLength,
    BusyPolicy onBusy,
    int retriesMax,
    boolean answerSync) {

  /** Longest x86 instruction; a longer "length" is not an instruction length. */
  public static final int INSTRUCTION_LENGTH_MAX = 15;

  static ListenerConfig defaults() {
    return new ListenerConfig(false, 2, 20, false, 0, InjectionType.SOFTWARE, 1, BusyPolicy.RETRY, 8, true);
  }
}
