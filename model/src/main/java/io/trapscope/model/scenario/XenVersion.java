package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The Xen release whose memory-event ring and trap injection an HVM guest runs under (MODEL.md section 6,
 * checked against the Xen sources named on each constant).
 */
public enum XenVersion implements Named {
  /**
   * The seed's patch as posted (January 2011): a 64-slot ring that reports "full" with fewer than 4 free
   * slots ({@code MEM_EVENT_RING_THRESHOLD}); a guest vCPU that finds it full has its request dropped and
   * sleeps until a response frees room ({@code mem_event_check_ring}); a guest may set its own event
   * parameters; {@code HVMOP_inject_trap} takes no type or length; an injection meeting a pending hardware
   * exception is combined by the old {@code hvm_combine_hw_exceptions}, any other pending event is
   * overwritten ({@code vmx_inject_exception}).
   */
  @JsonProperty("xen-4.1")
  XEN_4_1("xen-4.1", 64, true, false, false, false, false, false),
  /**
   * 3643a96119 "Do not lose guest events": a guest vCPU waits for a free slot instead of losing its event;
   * {@code -EPERM} for a guest setting its own parameters; the caller of {@code HVMOP_inject_trap} gives the
   * type and instruction length.
   */
  @JsonProperty("xen-4.2")
  XEN_4_2("xen-4.2", 64, false, true, true, false, false, false),
  /**
   * The {@code vm_event} ring (8 slots of the larger request); a vCPU is paused after a put while fewer
   * free slots than vCPUs remain; an injection that finds an event already pending is dropped
   * (9864841914, {@code if ( !hvm_event_pending(v) )} in {@code hvm_do_resume}); the newer combination
   * rule counts #VE with #PF.
   */
  @JsonProperty("xen-4.9")
  XEN_4_9("xen-4.9", 8, false, true, true, true, true, true);

  /** {@code MEM_EVENT_RING_THRESHOLD} of Xen 4.1: the ring is "full" with fewer free slots than this. */
  public static final int RING_THRESHOLD_4_1 = 4;

  private final String id;
  private final int ringSlots;
  private final boolean dropsWhenRingFull;
  private final boolean refusesOwnParameters;
  private final boolean callerChoosesTrapType;
  private final boolean pausesWhenFewSlots;
  private final boolean dropsInjectionWhenPending;
  private final boolean virtualisationExceptionIsPageFault;

  XenVersion(
      String id,
      int ringSlots,
      boolean dropsWhenRingFull,
      boolean refusesOwnParameters,
      boolean callerChoosesTrapType,
      boolean pausesWhenFewSlots,
      boolean dropsInjectionWhenPending,
      boolean virtualisationExceptionIsPageFault) {
    this.id = id;
    this.ringSlots = ringSlots;
    this.dropsWhenRingFull = dropsWhenRingFull;
    this.refusesOwnParameters = refusesOwnParameters;
    this.callerChoosesTrapType = callerChoosesTrapType;
    this.pausesWhenFewSlots = pausesWhenFewSlots;
    this.dropsInjectionWhenPending = dropsInjectionWhenPending;
    this.virtualisationExceptionIsPageFault = virtualisationExceptionIsPageFault;
  }

  @Override
  public String id() {
    return id;
  }

  /** Slots of a one-page ring: 64 requests of 40 bytes before {@code vm_event}, 8 of 312 bytes after. */
  public int ringSlots() {
    return ringSlots;
  }

  /** Whether a guest vCPU's request is dropped on a full ring (4.1) rather than waiting for a slot. */
  public boolean dropsWhenRingFull() {
    return dropsWhenRingFull;
  }

  /** Whether {@code HVMOP_set_param} refuses a domain's own memory-event parameters with {@code -EPERM}. */
  public boolean refusesOwnParameters() {
    return refusesOwnParameters;
  }

  /** Whether {@code HVMOP_inject_trap} takes the event type and instruction length from its caller. */
  public boolean callerChoosesTrapType() {
    return callerChoosesTrapType;
  }

  /** Whether a vCPU is paused after a put while fewer free slots than vCPUs remain. */
  public boolean pausesWhenFewSlots() {
    return pausesWhenFewSlots;
  }

  /** Whether {@code hvm_do_resume} drops an injection when an event is already pending. */
  public boolean dropsInjectionWhenPending() {
    return dropsInjectionWhenPending;
  }

  /** Whether {@code hvm_combine_hw_exceptions} treats #VE like #PF (the newer rule). */
  public boolean virtualisationExceptionIsPageFault() {
    return virtualisationExceptionIsPageFault;
  }
}
