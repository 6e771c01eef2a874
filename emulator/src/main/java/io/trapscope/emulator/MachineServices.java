package io.trapscope.emulator;

import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.model.scenario.EventSource;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.VmEntryFailure;

/**
 * What the machine offers the models inside it (the kernel's lazy FPU, the hypervisor's features): events,
 * choices, time, the trap table and run control. Models hold this, never the {@link Machine} itself, so a
 * model sees only what it may use and the scheduler's state stays the machine's own.
 */
interface MachineServices {

  /** Emits an event and returns its seq; stops the run once {@code limits.maxEvents} are out. */
  long emit(Vcpu vcpu, int task, EventKind kind, long value, long aux);

  /** Asks whether an event of {@code probability} happens; certain answers ask the choice source nothing. */
  boolean chance(ChoicePoint point, Vcpu vcpu, Task task, double probability);

  /** Asks for a number between {@code min} and {@code max}, both included. */
  long range(ChoicePoint point, Vcpu vcpu, Task task, long min, long max);

  /** Asks how many trials until the first success of {@code probability}, at most {@code max}. */
  long geometric(ChoicePoint point, Vcpu vcpu, Task task, double probability, long max);

  /** The current emulated time. */
  long tick();

  /** The seq of the last event emitted. */
  long lastSeq();

  /** The open traps, which the models raise, deliver and resolve. */
  TrapTable traps();

  /** A control register was written and its CR_WRITE event is out: the features may react. */
  void controlRegisterWritten(Vcpu vcpu, Task task, EventSource register, long old, long value);

  /** Puts {@code task} to sleep for {@code ticks} and runs something else on its vCPU. */
  void sleep(Vcpu vcpu, Task task, long ticks, int reason);

  /** The domain is dead: reports it and stops the run; does not return. */
  void crash(Vcpu vcpu, Task task, int reason, long detail);

  /**
   * The processor refused the VM entry carrying {@code vector} ({@code vm_resume_fail}): Xen crashes the
   * domain ({@code domain_crash_synchronous}) and the run ends; does not return.
   */
  void vmEntryFailed(Vcpu vcpu, Task task, int vector, VmEntryFailure why);

  /** {@code hvm_triple_fault}: Xen shuts the domain down and the run ends; does not return. */
  void shutdown(Vcpu vcpu, Task task, int code);

  /** The guest's handler for {@code vector} panicked the kernel; the run ends; does not return. */
  void panic(Vcpu vcpu, Task task, int vector);
}
