package io.trapscope.model.scenario;

/**
 * What one Xen release does with memory events and injections, one named behaviour per field, built from
 * the release before it by naming what changed; MODEL.md section 6's table, column by column.
 *
 * @param ringSlots slots of the one-page ring
 * @param dropsWhenRingFull a guest vCPU's request is dropped on a full ring and the vCPU sleeps (4.1)
 *     rather than waiting for a slot
 * @param ownParameters what {@code HVMOP_set_param} answers a guest setting its own memory-event parameters
 * @param monitorsThroughDomctl the control domain configures monitoring with {@code XEN_DOMCTL_monitor_op},
 *     the memory-event HVM parameters being deprecated (4.6 and later)
 * @param callerChoosesTrapType {@code HVMOP_inject_trap} takes the event type and length from its caller
 * @param pausesWhenFewSlots a vCPU is paused after its put while fewer free slots than vCPUs remain
 * @param sparesVcpuPausedForSync that pause spares a vCPU already paused for its own sync request (4.9)
 * @param wake how vCPUs blocked on the ring are woken when a response frees a slot
 * @param int3WithoutListener what an INT3 does with INT3 capture on and no listener on the ring
 * @param int3AlwaysSync software breakpoint events always pause their vCPU, whatever the mode asked
 * @param dropsInjectionWhenPending {@code hvm_do_resume} injects only if no event is pending (4.9)
 * @param virtualisationExceptionIsPageFault {@code hvm_combine_hw_exceptions} counts #VE with #PF (4.6)
 */
public record XenProfile(
    int ringSlots,
    boolean dropsWhenRingFull,
    OwnParameters ownParameters,
    boolean monitorsThroughDomctl,
    boolean callerChoosesTrapType,
    boolean pausesWhenFewSlots,
    boolean sparesVcpuPausedForSync,
    Wake wake,
    Int3WithoutListener int3WithoutListener,
    boolean int3AlwaysSync,
    boolean dropsInjectionWhenPending,
    boolean virtualisationExceptionIsPageFault) {

  /** What a guest setting its own memory-event parameters gets. */
  public enum OwnParameters {
    /** Taken, as from the control domain: for INT3, {@code domain_pause()} on itself deadlocks (the posted patch). */
    ACCEPTED,
    /** {@code -EPERM} ({@code d == current->domain}; 4.1.0 hvm.c:3250-3264, 4.9.0 hvm.c:4014-4018). */
    REFUSED
  }

  /** How vCPUs blocked on the ring are woken when a response frees a slot. */
  public enum Wake {
    /** Every vCPU that slept on the full ring ({@code mem_event_unpause_vcpus}, 4.1). */
    EVERY_SLEEPER,
    /**
     * vCPUs waiting for a slot first, as many as there are free slots; then vCPUs paused after their put,
     * round robin from the last woken, while fewer vCPUs run than slots are free (4.2.0 mem_event.c:152-159).
     */
    ROUND_ROBIN_WHILE_FEWER_RUN_THAN_FREE,
    /** As the 4.2 rule, but waking as many paused vCPUs as there are free slots (7f8445d967, 4.9). */
    ROUND_ROBIN_AS_MANY_AS_FREE
  }

  /** What an INT3 does with INT3 capture on and no listener on the ring. */
  public enum Int3WithoutListener {
    /** Xen re-injects the #BP into the guest (4.1 {@code mem_event_check_ring} fails; 4.9 monitor.c:100-105). */
    REINJECTED,
    /** Nothing is injected and RIP is not advanced: the INT3 executes again for ever (4.2.0 hvm.c:4388-4394). */
    REEXECUTED
  }

  /** RELEASE-4.1.0, the first release with memory events. */
  static XenProfile release41() {
    return new Builder().build();
  }

  /** RELEASE-4.2.0: 4.1.0 with 3643a96119, c0e9f48077 and the new {@code hvm_memory_event_traps}. */
  static XenProfile release42() {
    return new Builder()
        .waitsForRingSlot()
        .callerChoosesTrapType()
        .pausesWhenFewSlots(Wake.ROUND_ROBIN_WHILE_FEWER_RUN_THAN_FREE)
        .int3WithoutListener(Int3WithoutListener.REEXECUTED)
        .build();
  }

  /** RELEASE-4.9.0: 4.2.0 with {@code vm_event}, monitor domctls, 7f8445d967, 9864841914 and 81db678e4d. */
  static XenProfile release49() {
    Builder builder = new Builder()
        .ringSlots(8)
        .waitsForRingSlot()
        .callerChoosesTrapType()
        .pausesWhenFewSlots(Wake.ROUND_ROBIN_AS_MANY_AS_FREE)
        .sparesVcpuPausedForSync()
        .monitorsThroughDomctl()
        .int3AlwaysSync()
        .dropsInjectionWhenPending()
        .virtualisationExceptionIsPageFault();
    return builder.build();
  }

  /** This profile, but accepting a guest's own parameters: the patch as posted. */
  XenProfile acceptingOwnParameters() {
    return new XenProfile(
        ringSlots, dropsWhenRingFull, OwnParameters.ACCEPTED, monitorsThroughDomctl, callerChoosesTrapType, pausesWhenFewSlots,
        sparesVcpuPausedForSync, wake, int3WithoutListener, int3AlwaysSync, dropsInjectionWhenPending, virtualisationExceptionIsPageFault);
  }

  /** Starts from RELEASE-4.1.0 and names each behaviour a later release changed. */
  private static final class Builder {
    private int ringSlots = 64;
    private boolean dropsWhenRingFull = true;
    private boolean monitorsThroughDomctl;
    private boolean callerChoosesTrapType;
    private boolean pausesWhenFewSlots;
    private boolean sparesVcpuPausedForSync;
    private Wake wake = Wake.EVERY_SLEEPER;
    private Int3WithoutListener int3WithoutListener = Int3WithoutListener.REINJECTED;
    private boolean int3AlwaysSync;
    private boolean dropsInjectionWhenPending;
    private boolean virtualisationExceptionIsPageFault;

    Builder ringSlots(int slots) {
      ringSlots = slots;
      return this;
    }

    Builder waitsForRingSlot() {
      dropsWhenRingFull = false;
      return this;
    }

    Builder monitorsThroughDomctl() {
      monitorsThroughDomctl = true;
      return this;
    }

    Builder callerChoosesTrapType() {
      callerChoosesTrapType = true;
      return this;
    }

    Builder pausesWhenFewSlots(Wake policy) {
      pausesWhenFewSlots = true;
      wake = policy;
      return this;
    }

    Builder sparesVcpuPausedForSync() {
      sparesVcpuPausedForSync = true;
      return this;
    }

    Builder int3WithoutListener(Int3WithoutListener behaviour) {
      int3WithoutListener = behaviour;
      return this;
    }

    Builder int3AlwaysSync() {
      int3AlwaysSync = true;
      return this;
    }

    Builder dropsInjectionWhenPending() {
      dropsInjectionWhenPending = true;
      return this;
    }

    Builder virtualisationExceptionIsPageFault() {
      virtualisationExceptionIsPageFault = true;
      return this;
    }

    XenProfile build() {
      return new XenProfile(
          ringSlots, dropsWhenRingFull, OwnParameters.REFUSED, monitorsThroughDomctl, callerChoosesTrapType, pausesWhenFewSlots,
          sparesVcpuPausedForSync, wake, int3WithoutListener, int3AlwaysSync, dropsInjectionWhenPending,
          virtualisationExceptionIsPageFault);
    }
  }
}
