package io.trapscope.analyzer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The scenario's memory-event settings as the manifest records them ({@code introspection}), read as plain
 * values: which events Xen sends, and what the listener in the control domain does with them.
 *
 * @param ringSlots slots of the request ring; 0 for the Xen version's one-page ring
 * @param cr0 {@code HVM_PARAM_MEMORY_EVENT_CR0}
 * @param cr3 {@code HVM_PARAM_MEMORY_EVENT_CR3}
 * @param cr4 {@code HVM_PARAM_MEMORY_EVENT_CR4}
 * @param int3 {@code HVM_PARAM_MEMORY_EVENT_INT3}
 * @param protectStack whether the listener write-protects the guest's kernel stacks
 * @param listener the agent
 */
public record Introspection(int ringSlots, Setting cr0, Setting cr3, Setting cr4, Setting int3, boolean protectStack, Listener listener) {
  /** The mode nothing is sent in. */
  public static final String DISABLED = "disabled";

  /**
   * One memory-event parameter.
   *
   * @param mode {@code disabled}, {@code async} or {@code sync}
   * @param onchangeonly whether only writes that change the register are sent
   */
  public record Setting(String mode, boolean onchangeonly) {
    static Setting of(JsonNode node) {
      return new Setting(node.path("mode").asText(DISABLED), node.path("onchangeonly").asBoolean(false));
    }

    /** Whether events of this kind are sent at all. */
    public boolean enabled() {
      return !mode.equals(DISABLED);
    }
  }

  /**
   * The introspection agent.
   *
   * @param connected whether an agent holds the ring
   * @param latencyTicksMin shortest time it takes over a request or a retry
   * @param latencyTicksMax longest such time
   * @param hookSyscalls whether it plants its own INT3s on system call handlers
   * @param pageInProbability per request, the chance it injects a #PF to page memory in
   * @param reinjectType {@code sw} or {@code hw}: the type it asks for when re-injecting a guest's INT3
   * @param reinjectLength the instruction length it passes with that re-injection
   * @param onBusy {@code retry} or {@code ignore}: what it does after {@code -EBUSY}
   * @param retriesMax attempts after the first before a retrying agent gives up
   * @param answerSync whether it answers requests that paused their vCPU
   */
  public record Listener(
      boolean connected,
      long latencyTicksMin,
      long latencyTicksMax,
      boolean hookSyscalls,
      double pageInProbability,
      String reinjectType,
      int reinjectLength,
      String onBusy,
      int retriesMax,
      boolean answerSync) {
    static Listener of(JsonNode node) {
      return new Listener(
          node.path("connected").asBoolean(false),
          node.path("latencyTicksMin").asLong(0),
          node.path("latencyTicksMax").asLong(0),
          node.path("hookSyscalls").asBoolean(false),
          node.path("pageInProbability").asDouble(0),
          node.path("reinjectType").asText("sw"),
          node.path("reinjectLength").asInt(1),
          node.path("onBusy").asText("retry"),
          node.path("retriesMax").asInt(0),
          node.path("answerSync").asBoolean(true));
    }
  }

  /** Reads the {@code introspection} section of a resolved scenario; absent fields take the defaults. */
  static Introspection of(JsonNode node) {
    return new Introspection(
        node.path("ringSlots").asInt(0),
        Setting.of(node.path("cr0")),
        Setting.of(node.path("cr3")),
        Setting.of(node.path("cr4")),
        Setting.of(node.path("int3")),
        node.path("protectStack").asBoolean(false),
        Listener.of(node.path("listener")));
  }

  /**
   * Whether the listener ever calls {@code HVMOP_inject_trap}: to re-inject the guest's INT3s, which it
   * sees only with INT3 capture on, and to page memory in. Otherwise its injection policy is moot.
   */
  public boolean listenerInjects() {
    return listener.connected() && (int3.enabled() || listener.pageInProbability() > 0);
  }

  /** Whether memory events are in use: a listener holds the ring, or some event is enabled. */
  public boolean active() {
    return listener.connected() || cr0.enabled() || cr3.enabled() || cr4.enabled() || int3.enabled();
  }
}
