package io.trapscope.emulator;

/**
 * What an event records. Each constant documents its {@code value} and {@code aux}; every event also
 * carries CR0.TS and the FPU owner of its vCPU as they are after it.
 */
public enum EventKind {
  /** A task was created ({@code fork} plus {@code exec}): task = the parent, value = the child, aux = 0. */
  TASK_SPAWN,
  /**
   * The guest scheduler switched a vCPU: task = the incoming task (-1 for idle), value = the outgoing one
   * (-1 for idle), aux = why (0 blocked or slept, 1 preempted by the timer, 2 exited, 3 left idle).
   */
  TASK_SWITCH,
  /** A sleeping task became runnable: value = what it waited for (0 system call, 1 allocation, 2 child). */
  TASK_WAKE,
  /** A task exited: value = its exit status (2 when one of its reads saw another context's data). */
  TASK_EXIT,
  /** A system call: value = its number, aux = ticks it blocks (0 if it returns at once). */
  SYSCALL,
  /** User code wrote the FPU registers: value = the data written ({@code task * 1000 + round}). */
  FPU_WRITE,
  /**
   * User code read the FPU registers: value = the data observed, aux = the data the task last wrote;
   * fpu_owner is the owner observed. A row whose fpu_owner is not its task is a corrupted read.
   */
  FPU_READ,
  /** The task's FPU area was initialised to the default state: value = 0, aux = 1 if the allocation slept. */
  FPU_INIT,
  /** The switch saved the registers into the outgoing task's area: value = the data; fpu_owner is whose it is. */
  FPU_SAVE,
  /** The registers were loaded from the task's area: value = the data, aux = 0 in the #NM handler, 1 preload. */
  FPU_RESTORE,
  /** A control register was written: value = its new value, aux = its number (0 for CR0). */
  CR_WRITE,
  /** A hypercall: value = its number (5 is fpu_taskswitch), aux = its argument (for fpu_taskswitch, 1 sets TS). */
  HYPERCALL,
  /** The CPU raised #NM (TS was set): value = 7, aux = #NM handlers already running on the task's stack. */
  NM_RAISE,
  /** The guest's #NM handler started: value = 7, aux = its nesting depth (1 for the first). */
  NM_ENTER,
  /** The guest's #NM handler returned: value = 7, aux = the depth it returned from. */
  NM_EXIT,
  /** The kernel enabled interrupts inside the #NM handler. */
  IRQ_ENABLE,
  /** The kernel disabled interrupts inside the #NM handler. */
  IRQ_DISABLE,
  /** The FPU-area allocation slept, so the scheduler runs other tasks: aux = ticks it sleeps. */
  ALLOC_SLEEP,
  /** Xen took the vCPU off its physical CPU: value = 0 preempted or 1 halted by the idle guest, aux = ticks away if known. */
  VCPU_DESCHEDULE,
  /** The vCPU runs again: value = why it had stopped (as for VCPU_DESCHEDULE). */
  VCPU_RESUME,
  /** The hypervisor crashed the domain: value = 1 kernel stack overflow in nested #NM, aux = the depth. */
  DOMAIN_CRASH,
  /**
   * A task executed INT3: value = its address, aux = 1 if it is one of the listener's own breakpoints, 0 if
   * the guest's (its debugger's). Raises trap vector 3.
   */
  BREAKPOINT,
  /** The CPU or the virtual LAPIC raised a guest exception or interrupt: value = vector, aux = error code or -1. */
  TRAP_RAISE,
  /**
   * The guest's handler for the pending event was entered: value = vector, aux = bytes the delivery moved
   * RIP past the trapping instruction (the instruction length of a software exception, else 0).
   */
  TRAP_DELIVER,
  /**
   * Delivering the pending event faulted on the stack page and exited to Xen with the event still pending
   * (IDT-vectoring information): value = vector, aux = 1 if the page is write-protected by the listener, so a
   * violation request follows, 0 if Xen resolved the fault itself.
   */
  DELIVERY_FAULT,
  /**
   * {@code HVMOP_set_param} of a memory-event parameter: value = the parameter (20 CR0, 21 CR3, 22 CR4, 23
   * INT3), aux = the return code (0, -1 EPERM, -22 EINVAL). task = -1 when the control domain set it, else
   * the guest task that set it on its own domain.
   */
  PARAM_SET,
  /**
   * A request was put on the ring: value = its reason (1 violation, 2 CR0, 3 CR3, 4 CR4, 5 INT3), aux = the
   * new register value or the address.
   */
  MEM_EVENT_PUT,
  /** A request was not put because the ring was full (Xen 4.1): value = reason, aux = value or address. */
  MEM_EVENT_DROP,
  /**
   * The listener's response was consumed by Xen, freeing the request's slot: value = reason, aux = seq of
   * the MEM_EVENT_PUT it answers.
   */
  MEM_EVENT_RESPONSE,
  /**
   * Xen paused the vCPU: value = why (1 a sync request, 2 the ring was full, 3 waiting for a ring slot, 4 few
   * slots left after a put, 5 its own domain paused itself), aux = seq of the event that caused it.
   */
  VCPU_PAUSE,
  /** The pause of that reason was lifted: value = the reason, aux = seq of the event that lifted it. */
  VCPU_UNPAUSE,
  /** {@code HVMOP_inject_trap} accepted: the vCPU's slot holds it now. value = vector, aux = trap_id. */
  INJECT_REQUEST,
  /** {@code HVMOP_inject_trap} refused with -EBUSY: the slot was already full. value = vector, aux = trap_id. */
  INJECT_EBUSY,
  /**
   * The listener gave up on an injection after -EBUSY (it ignores -EBUSY, or its retries ran out): value =
   * vector, aux = trap_id.
   */
  INJECT_ABANDON,
  /** At the vCPU's schedule-in, {@code hvm_do_resume} took the injection out of the slot: value = vector, aux = trap_id. */
  INJECT_ENTRY,
  /**
   * The injection replaced a pending interrupt, NMI or software exception, which is lost: value = the
   * pending vector, aux = the injected vector.
   */
  EVENT_OVERWRITE,
  /**
   * {@code hvm_combine_hw_exceptions} kept the injection and discarded the pending hardware exception:
   * value = the pending vector, aux = the injected vector.
   */
  EVENT_DISCARD,
  /** The injection found an event pending and was dropped (Xen 4.9): value = injected vector, aux = pending vector. */
  INJECT_DROP,
  /**
   * The injection met a pending hardware exception and the pair became a double fault, a new pending #DF:
   * value = the pending vector, aux = the injected vector.
   */
  DOUBLE_FAULT,
  /** The injection met a pending #DF: triple fault. value = 8, aux = the injected vector. */
  TRIPLE_FAULT,
  /** Xen shut the domain down: value = the shutdown code (1 reboot, as {@code hvm_triple_fault} asks). */
  DOMAIN_SHUTDOWN,
  /** The guest kernel panicked: value = the vector whose handler panicked (8, {@code do_double_fault}). */
  GUEST_PANIC
}
