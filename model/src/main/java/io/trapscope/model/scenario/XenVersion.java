package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The Xen release whose memory-event ring and trap injection an HVM guest runs under (MODEL.md section 6),
 * each a {@link XenProfile} of named behaviours, checked against the Xen tree at the release tags named on
 * each constant and in {@code XenProfile}.
 */
public enum XenVersion implements Named {
  /**
   * The 2011 INT3/CRx capture patch as posted to xen-devel: 4.1.0's behaviour, except that a guest may set
   * its own event parameters, and for INT3 its {@code domain_pause()} on its own domain deadlocks (Tim
   * Deegan's review). No release ever behaved so: the committed version refuses with {@code -EPERM}.
   */
  @JsonProperty("xen-4.1-rfc")
  XEN_4_1_RFC("xen-4.1-rfc", XenProfile.release41().acceptingOwnParameters()),
  /**
   * RELEASE-4.1.0: a 64-slot ring, "full" below 4 free slots ({@code MEM_EVENT_RING_THRESHOLD},
   * mem_event.c:40); a vCPU that finds it full has its request dropped and sleeps until a response; a
   * guest setting its own parameters gets {@code -EPERM} (df402bb9f0, hvm.c:3250-3264);
   * {@code HVMOP_inject_trap} takes only the vector, and {@code vmx_inject_hw_exception} types a #BP as a
   * software exception of length 1 before it combines it with a pending one (vmx.c:1254-1299).
   */
  @JsonProperty("xen-4.1")
  XEN_4_1("xen-4.1", XenProfile.release41()),
  /**
   * RELEASE-4.2.0: 3643a96119 "Do not lose guest events" (a vCPU waits for a ring slot; a vCPU is paused
   * after its put while fewer free slots than vCPUs remain, and woken round robin from
   * {@code last_vcpu_wake_up}, mem_event.c:152-159 and 305-307); the caller of {@code HVMOP_inject_trap}
   * gives the type and length (c0e9f48077); with INT3 capture on and no listener, {@code
   * hvm_memory_event_traps} returns 1 and the guest resumes on its INT3 for ever (hvm.c:4388-4394).
   */
  @JsonProperty("xen-4.2")
  XEN_4_2("xen-4.2", XenProfile.release42()),
  /**
   * RELEASE-4.9.0: the {@code vm_event} ring (8 slots of 312 bytes); an injection that finds an event
   * pending is dropped (9864841914, hvm.c:523-526); blocked vCPUs are woken as many as there are free
   * slots, and a vCPU paused for its own sync request is not paused again (7f8445d967, vm_event.c:148-154
   * and 305-306); software breakpoint events are always sync (monitor.c:122-129); the memory-event HVM
   * parameters are deprecated (0a246b41ca, 4.6.0), so the control domain monitors through domctls; the
   * combination rule counts #VE with #PF (81db678e4d, 4.6.0).
   */
  @JsonProperty("xen-4.9")
  XEN_4_9("xen-4.9", XenProfile.release49());

  /** {@code MEM_EVENT_RING_THRESHOLD} of Xen 4.1: the ring is "full" with fewer free slots than this. */
  public static final int RING_THRESHOLD_4_1 = 4;

  private final String id;
  private final XenProfile profile;

  XenVersion(String id, XenProfile profile) {
    this.id = id;
    this.profile = profile;
  }

  @Override
  public String id() {
    return id;
  }

  /** What this release does, behaviour by behaviour. */
  public XenProfile profile() {
    return profile;
  }

  /** Slots of a one-page ring: 64 requests of 40 bytes before {@code vm_event}, 8 of 312 bytes after. */
  public int ringSlots() {
    return profile.ringSlots();
  }

  /** Whether a guest vCPU's request is dropped on a full ring (4.1) rather than waiting for a slot. */
  public boolean dropsWhenRingFull() {
    return profile.dropsWhenRingFull();
  }

  /** Whether {@code HVMOP_inject_trap} takes the event type and instruction length from its caller. */
  public boolean callerChoosesTrapType() {
    return profile.callerChoosesTrapType();
  }

  /** Whether a vCPU is paused after a put while fewer free slots than vCPUs remain. */
  public boolean pausesWhenFewSlots() {
    return profile.pausesWhenFewSlots();
  }

  /** Whether {@code hvm_do_resume} drops an injection when an event is already pending. */
  public boolean dropsInjectionWhenPending() {
    return profile.dropsInjectionWhenPending();
  }

  /** Whether {@code hvm_combine_hw_exceptions} treats #VE like #PF (the newer rule). */
  public boolean virtualisationExceptionIsPageFault() {
    return profile.virtualisationExceptionIsPageFault();
  }
}
