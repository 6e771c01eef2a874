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
  DOMAIN_CRASH
}
