package io.trapscope.emulator;

import io.trapscope.model.scenario.EventSource;
import io.trapscope.model.workload.Operation;

/**
 * A hypervisor feature a scenario's machine has (memory events and trap injection, for one), as hooks the
 * machine calls at fixed points of its loop. Every hook has a default that does nothing and lets the guest
 * run, so a feature implements only the points it changes; {@link Features} decides which a machine gets.
 */
interface Feature {

  /** The guest's tasks exist and nothing has run yet: set up what the control domain sets at boot. */
  default void boot() {}

  /** Called at the start of every tick before any vCPU steps: work done outside the guest, such as an agent's. */
  default void beforeTick(long tick) {}

  /** Whether the vCPU may run now; every feature must agree. */
  default boolean runnable(Vcpu vcpu) {
    return true;
  }

  /** The vCPU is about to run {@code task}'s guest code; returns whether the task may run this step. */
  default boolean enter(Vcpu vcpu, Task task) {
    return true;
  }

  /** Whether {@link #beforeSyscall} must be called for every system call (the machine skips it otherwise). */
  default boolean hooksSyscalls() {
    return false;
  }

  /** {@code task} is about to make system call {@code syscall}; returns whether it may go on. */
  default boolean beforeSyscall(Vcpu vcpu, Task task, int syscall) {
    return true;
  }

  /** A control register was written and its CR_WRITE event is out. */
  default void controlRegisterWritten(Vcpu vcpu, Task task, EventSource register, long old, long value) {}

  /** Whether this feature carries out {@code operation}; one feature at most may claim each operation. */
  default boolean handles(Operation operation) {
    return false;
  }

  /** Carries out an operation this feature {@link #handles}; returns whether it is done, so the task moves on. */
  default boolean operation(Vcpu vcpu, Task task, Operation operation, int operand) {
    throw new IllegalStateException(getClass().getSimpleName() + " does not handle " + operation);
  }

  /** The next tick at which this feature has work even if no vCPU can run, or {@link Long#MAX_VALUE}. */
  default long nextWakeTick() {
    return Long.MAX_VALUE;
  }

  /** The run ended, however it ended: resolve what is still open, before the trap table is closed. */
  default void finish() {}
}
