package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Xen memory events for an HVM guest (the 2011 INT3/CRx capture patch): which control-register writes and INT3s are sent to the
 * listener, the ring they travel on, and the listener itself.
 *
 * @param ringSlots slots of the request ring; 0 takes the Xen version's one-page ring
 * @param cr0 {@code HVM_PARAM_MEMORY_EVENT_CR0}
 * @param cr3 {@code HVM_PARAM_MEMORY_EVENT_CR3}
 * @param cr4 {@code HVM_PARAM_MEMORY_EVENT_CR4}
 * @param int3 {@code HVM_PARAM_MEMORY_EVENT_INT3}
 * @param protectStack the listener write-protects the guest's kernel stacks ({@code mem_access}), so an
 *     exception delivery that faults on the stack becomes a violation request with the event still pending
 * @param listener the agent
 */
@JsonPropertyOrder({"ringSlots", "cr0", "cr3", "cr4", "int3", "protectStack", "listener"})
public record IntrospectionConfig(
    int ringSlots,
    EventSetting cr0,
    EventSetting cr3,
    EventSetting cr4,
    EventSetting int3,
    boolean protectStack,
    ListenerConfig listener) {

  /** Slots a configured ring may have: a ring is a power of two, and four pages at most here. */
  public static final int RING_SLOTS_MAX = 256;

  static IntrospectionConfig defaults() {
    return new IntrospectionConfig(
        0, EventSetting.disabled(), EventSetting.disabled(), EventSetting.disabled(), EventSetting.disabled(), false,
        ListenerConfig.defaults());
  }

  /** Whether any event is requested or the stack is protected: whether this scenario uses memory events. */
  public boolean active() {
    return listener.connected()
        || cr0.mode() != EventMode.DISABLED
        || cr3.mode() != EventMode.DISABLED
        || cr4.mode() != EventMode.DISABLED
        || int3.mode() != EventMode.DISABLED
        || protectStack;
  }

  /** The ring's slots under {@code xen}. */
  public int ringSlotsFor(XenVersion xen) {
    return ringSlots == 0 ? xen.ringSlots() : ringSlots;
  }

  /**
   * Whether the listener ever calls {@code HVMOP_inject_trap}: to re-inject the guest's INT3s, which it
   * sees only with INT3 capture on, and to page memory in. Otherwise its injection policy is moot.
   */
  public boolean listenerInjects() {
    return listener.connected() && (int3.mode() != EventMode.DISABLED || listener.pageInProbability() > 0);
  }

  /** The setting of the parameter that configures {@code source}. */
  public EventSetting setting(EventSource source) {
    switch (source) {
      case CR0:
        return cr0;
      case CR3:
        return cr3;
      case CR4:
        return cr4;
      case INT3:
        return int3;
      default:
        throw new IllegalStateException("unhandled event source " + source);
    }
  }
}
