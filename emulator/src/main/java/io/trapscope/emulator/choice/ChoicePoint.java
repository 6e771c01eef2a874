package io.trapscope.emulator.choice;

/** The decisions a run leaves to its choice source (MODEL.md section 1). */
public enum ChoicePoint {
  /** Which runnable task the guest scheduler runs next; the answer is the task's id. Keyed by the outgoing task. */
  SCHED_PICK("sched.pick"),
  /**
   * How many user-mode operations a task runs until the timer tick preempts it, that one included. The
   * same distribution as asking after every operation whether the tick fires, with the scenario's
   * probability, but one choice per preemption instead of one per operation.
   */
  SCHED_PREEMPT("sched.preempt"),
  /**
   * How many system calls a task makes until one blocks, that one included: as for {@code sched.preempt},
   * a per-call probability asked once per blocking call.
   */
  SYSCALL_BLOCKS("syscall.blocks"),
  /** How long a blocking system call sleeps, in ticks. */
  SYSCALL_TICKS("syscall.ticks"),
  /** Whether the FPU-area allocation in the #NM handler sleeps. */
  ALLOC_SLEEPS("alloc.sleeps"),
  /** How long a sleeping allocation takes, in ticks. */
  ALLOC_TICKS("alloc.ticks"),
  /** How many steps a vCPU runs before Xen deschedules it; vCPU-wide. */
  HV_DESCHEDULE("hv.deschedule"),
  /** How long a descheduled vCPU stays away, in ticks; vCPU-wide. */
  HV_DESCHEDULE_TICKS("hv.deschedule_ticks"),
  /** How long the introspection agent takes over a request or an injection retry, in ticks. Keyed by the request's vCPU. */
  LISTENER_LATENCY("listener.latency"),
  /** Whether guest memory the agent reads for a request is paged out, so it injects a #PF. Keyed by the request's vCPU. */
  LISTENER_PAGE_IN("listener.page_in"),
  /** Whether delivering a guest exception or interrupt faults on the stack page (an exit with the event pending). */
  GUEST_FAULT_IN_DELIVERY("guest.fault_in_delivery"),
  /** How many steps a vCPU runs tasks until a device interrupt arrives, that one included; vCPU-wide. */
  GUEST_INTERRUPT("guest.interrupt"),
  /** How many steps a vCPU runs tasks until an NMI arrives, that one included; vCPU-wide. */
  GUEST_NMI("guest.nmi"),
  /**
   * Ticks left of the time slice of a running vCPU whose inject slot was just filled: at the slice's end
   * Xen's scheduler passes through {@code hvm_do_resume}, which takes the slot; vCPU-wide.
   */
  HV_SLICE("hv.slice");

  private final String id;

  ChoicePoint(String id) {
    this.id = id;
  }

  /** The point's name in traces, such as {@code sched.pick}. */
  public String id() {
    return id;
  }

  /** The point called {@code id}, or null. */
  public static ChoicePoint byId(String id) {
    for (ChoicePoint point : values()) {
      if (point.id.equals(id)) {
        return point;
      }
    }
    return null;
  }
}
