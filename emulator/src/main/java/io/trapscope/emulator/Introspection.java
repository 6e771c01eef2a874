package io.trapscope.emulator;

import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.model.scenario.EventMode;
import io.trapscope.model.scenario.EventSource;
import io.trapscope.model.scenario.GuestConfig;
import io.trapscope.model.scenario.InjectionType;
import io.trapscope.model.scenario.IntrospectionConfig;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.XenProfile;
import io.trapscope.model.scenario.XenVersion;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.MemoryEventReason;
import io.trapscope.model.vocabulary.ShutdownCode;
import io.trapscope.model.vocabulary.TrapOutcome;
import io.trapscope.model.vocabulary.TrapSource;
import io.trapscope.model.vocabulary.TrapType;
import io.trapscope.model.vocabulary.Vectors;
import io.trapscope.model.vocabulary.VmEntryFailure;
import io.trapscope.model.workload.Operation;

/**
 * An HVM guest's events on their way in and out (MODEL.md section 6): INT3s and control-register writes
 * sent to the listener, {@code HVMOP_inject_trap} with its one slot per vCPU, and the VM entry where the
 * slot meets whatever event is already pending. Double faults, lost events and repeating INT3s are not
 * written down here: they follow from the slot being taken at schedule-in and from Xen's combination rule.
 *
 * <p>A hypervisor {@link Feature}: the machine has it for a {@code xen-hvm} guest only.
 */
final class Introspection implements Feature {
  /** Where the guest's system call handlers are, for the listener's hooks: one per system call number. */
  static final long HOOK_BASE = 0xffff_ffff_8110_0000L;
  static final long HOOK_STRIDE = 0x40;
  static final int SYSCALLS_MAX = 1024;
  /** Where the model puts kernel stacks, 16 KiB per task: the page a faulting delivery writes to. */
  static final long STACK_BASE = 0xffff_8800_0010_0000L;
  /** Error code of a #PF a user write to a page not present raises. */
  static final long USER_WRITE_NOT_PRESENT = 6;
  private static final long COUNTDOWN_MAX = 1L << 40;

  private final MachineServices services;
  private final XenVersion xen;
  private final IntrospectionConfig config;
  private final GuestConfig guest;
  private final MemoryEvents events;
  private final Listener listener;
  private final long sliceTicks;
  private final boolean zeroLengthInjection;

  Introspection(MachineServices services, Scenario scenario, Vcpu[] vcpus) {
    this.services = services;
    this.xen = scenario.machine().xen();
    this.config = scenario.introspection();
    this.guest = scenario.guest();
    this.sliceTicks = scenario.machine().hvSliceTicks();
    this.zeroLengthInjection = scenario.machine().vmxZeroLengthInjection();
    this.events = new MemoryEvents(services, xen, config, vcpus);
    this.listener = config.listener().connected() ? new Listener(services, events, this, config.listener()) : null;
    events.connect(listener);
  }

  /** The control domain sets the event parameters before the guest runs. */
  @Override
  public void boot() {
    events.boot(config);
  }

  /** No pause, no block on the ring, the domain not paused. */
  @Override
  public boolean runnable(Vcpu vcpu) {
    return events.runnable(vcpu);
  }

  /** When the listener next has a request or a retry to work on. */
  @Override
  public long nextWakeTick() {
    return listener == null ? Long.MAX_VALUE : listener.nextDueTick();
  }

  /** The listener runs in the control domain, before the guest's vCPUs step. */
  @Override
  public void beforeTick(long tick) {
    if (listener != null) {
      listener.runDue(tick);
    }
  }

  @Override
  public void finish() {
    if (listener != null) {
      listener.finish();
    }
  }

  /** Whether the listener has planted INT3s on the system call handlers. */
  @Override
  public boolean hooksSyscalls() {
    return listener != null && config.listener().hookSyscalls();
  }

  /** The system call's handler starts with the listener's INT3; returns whether the task got past it. */
  @Override
  public boolean beforeSyscall(Vcpu vcpu, Task task, int syscall) {
    if (task.hookPassed) {
      return true;
    }
    breakpoint(vcpu, task, hookAddress(syscall), true);
    return task.hookPassed;
  }

  /** INT3s, page touches and the guest's own {@code HVMOP_set_param} exit to Xen. */
  @Override
  public boolean handles(Operation operation) {
    return operation == Operation.BREAKPOINT || operation == Operation.TOUCH || operation == Operation.SET_PARAM;
  }

  @Override
  public boolean operation(Vcpu vcpu, Task task, Operation operation, int operand) {
    switch (operation) {
      case BREAKPOINT:
        if (!task.breakpointPassed) {
          breakpoint(vcpu, task, operand, false);
        }
        return task.breakpointPassed;
      case TOUCH:
        if (!task.pageReady) {
          raise(vcpu, task, Vectors.PAGE_FAULT, USER_WRITE_NOT_PRESENT);
        }
        return task.pageReady;
      case SET_PARAM:
        events.setByGuest(vcpu, task, operand >>> 8, operand & 0xff);
        return runnable(vcpu);
      default:
        throw new IllegalStateException("not an introspection operation: " + operation);
    }
  }

  static long hookAddress(int syscall) {
    return HOOK_BASE + (syscall & (SYSCALLS_MAX - 1)) * HOOK_STRIDE;
  }

  /** Whether {@code address} is in the listener's breakpoint table. */
  boolean isHook(long address) {
    long offset = address - HOOK_BASE;
    return hooksSyscalls() && offset >= 0 && offset < SYSCALLS_MAX * HOOK_STRIDE && offset % HOOK_STRIDE == 0;
  }

  /**
   * The vCPU is about to run guest code: at a schedule-in {@code hvm_do_resume} takes the inject slot
   * first, then {@code vmx_intr_assist} injects a waiting NMI, or else a waiting interrupt, if nothing is
   * pending, then the CPU delivers the pending event. Returns whether the task may run.
   */
  @Override
  public boolean enter(Vcpu vcpu, Task task) {
    if (vcpu.sliceStepsLeft > 0 && --vcpu.sliceStepsLeft == 0) {
      // The time slice ended: the scheduler keeps the vCPU running (continue_running), through
      // schedule_tail and hvm_do_resume (4.1.0 schedule.c:1154-1158, 1227).
      vcpu.scheduleInDue = true;
    }
    if (vcpu.scheduleInDue) {
      vcpu.scheduleInDue = false;
      resume(vcpu, task);
    }
    arrival(vcpu, task, vcpu.interrupts, guest.interruptProbability());
    arrival(vcpu, task, vcpu.nmis, guest.nmiProbability());
    if (vcpu.pending == null && vcpu.nmis.waiting != null) {
      vcpu.pending = vcpu.nmis.take();
    } else if (vcpu.pending == null && vcpu.interrupts.waiting != null) {
      vcpu.pending = vcpu.interrupts.take();
    }
    return vcpu.pending == null || deliver(vcpu, task);
  }

  /** Counts down to the line's next arrival; one that comes while another waits is merged into it. */
  private void arrival(Vcpu vcpu, Task task, LapicLine line, double probability) {
    if (probability <= 0) {
      return;
    }
    if (line.stepsUntilNext <= 0) {
      line.stepsUntilNext = services.geometric(line.point, vcpu, null, probability, COUNTDOWN_MAX);
    }
    if (--line.stepsUntilNext > 0 || line.waiting != null) {
      return;
    }
    long seq = services.emit(vcpu, task.id, EventKind.TRAP_RAISE, line.vector, Vectors.NO_ERROR_CODE);
    long trapId = services.traps().raise(line.vector, line.type, TrapSource.LAPIC, vcpu.id, task.id, seq);
    line.waiting =
        new GuestEvent(trapId, line.vector, line.type, TrapSource.LAPIC, Vectors.NO_ERROR_CODE, 0, GuestEvent.NO_INSTRUCTION, 0);
  }

  /**
   * {@code hvm_do_resume}: the injection leaves its slot for the VM-entry interruption field. An event
   * already there (re-armed after a delivery that faulted) is combined with it (a hardware exception), or
   * overwritten (anything else), or, from Xen 4.9, keeps its place while the injection is dropped.
   */
  private void resume(Vcpu vcpu, Task task) {
    GuestEvent injected = vcpu.injectSlot;
    vcpu.sliceStepsLeft = 0;
    if (injected == null) {
      return;
    }
    vcpu.injectSlot = null;
    TrapTable traps = services.traps();
    services.emit(vcpu, task.id, EventKind.INJECT_ENTRY, injected.vector, injected.trapId);
    GuestEvent pending = vcpu.pending;
    if (pending == null) {
      vcpu.pending = injected;
      return;
    }
    if (xen.dropsInjectionWhenPending()) {
      services.emit(vcpu, task.id, EventKind.INJECT_DROP, injected.vector, pending.vector);
      traps.resolve(injected.trapId, TrapOutcome.DROPPED_PENDING);
      return;
    }
    if (pending.type != TrapType.HW_EXCEPTION) {
      services.emit(vcpu, task.id, EventKind.EVENT_OVERWRITE, pending.vector, injected.vector);
      traps.resolve(pending.trapId, TrapOutcome.OVERWRITTEN);
      vcpu.pending = injected;
      return;
    }
    int combined = ExceptionCombiner.combine(pending.vector, injected.vector, xen.virtualisationExceptionIsPageFault());
    if (combined == ExceptionCombiner.TRIPLE_FAULT) {
      services.emit(vcpu, task.id, EventKind.TRIPLE_FAULT, pending.vector, injected.vector);
      traps.resolve(pending.trapId, TrapOutcome.TRIPLE_FAULT);
      traps.resolve(injected.trapId, TrapOutcome.TRIPLE_FAULT);
      vcpu.pending = null;
      services.shutdown(vcpu, task, ShutdownCode.REBOOT.code());
      return;
    }
    if (combined == Vectors.DOUBLE_FAULT) {
      long seq = services.emit(vcpu, task.id, EventKind.DOUBLE_FAULT, pending.vector, injected.vector);
      traps.resolve(pending.trapId, TrapOutcome.COMBINED_DF);
      traps.resolve(injected.trapId, TrapOutcome.COMBINED_DF);
      // vmx_inject_hw_exception typed the injection before it combined: the combination changes only the
      // vector and the error code (4.1.0 vmx.c:1259-1289), so a #BP injected as a software exception
      // becomes a software-typed #DF, which the VM entry then refuses.
      long trapId = traps.raise(Vectors.DOUBLE_FAULT, injected.type, TrapSource.XEN, vcpu.id, task.id, seq, 0, injected.insnLen);
      vcpu.pending =
          new GuestEvent(trapId, Vectors.DOUBLE_FAULT, injected.type, TrapSource.XEN, 0, injected.insnLen, GuestEvent.NO_INSTRUCTION, 0);
      return;
    }
    services.emit(vcpu, task.id, EventKind.EVENT_DISCARD, pending.vector, injected.vector);
    traps.resolve(pending.trapId, TrapOutcome.DISCARDED);
    vcpu.pending = injected;
  }

  /**
   * The CPU delivers the pending event through the guest's IDT. Pushing the exception frame may fault on
   * the stack page: the event stays pending (Xen re-arms it from the IDT-vectoring information) and, if
   * the listener write-protects the stack, a violation request goes out. Returns whether the task may run.
   */
  private boolean deliver(Vcpu vcpu, Task task) {
    GuestEvent event = vcpu.pending;
    VmEntryFailure refused = refusedAtEntry(event);
    if (refused != null) {
      services.traps().resolve(event.trapId, TrapOutcome.VMENTRY_FAILED);
      services.vmEntryFailed(vcpu, task, event.vector, refused);
    }
    boolean faults =
        event.refault
            || (!event.faulted && services.chance(ChoicePoint.GUEST_FAULT_IN_DELIVERY, vcpu, task, guest.faultInDeliveryProbability()));
    if (faults) {
      event.faulted = true;
      event.refault = false;
      boolean violation = config.protectStack() && listener != null;
      services.emit(vcpu, task.id, EventKind.DELIVERY_FAULT, event.vector, violation ? 1 : 0);
      boolean rearmed = event.type.rearmedAfterFaultedDelivery(event.vector);
      if (!rearmed) {
        // Xen does not re-arm it: the guest resumes on the instruction, which executes again.
        vcpu.pending = null;
        services.traps().resolve(event.trapId, TrapOutcome.REEXECUTED);
      }
      if (violation) {
        long stack = STACK_BASE + ((long) task.id << 14);
        MemoryEvents.Result result =
            events.send(new MemoryEvents.Request(MemoryEventReason.VIOLATION.code(), vcpu, task, stack, true, -1));
        if (result == MemoryEvents.Result.DROPPED) {
          event.refault = true;
        }
        return false;
      }
      if (!rearmed) {
        return true;
      }
    }
    long seq = services.emit(vcpu, task.id, EventKind.TRAP_DELIVER, event.vector, event.ripAdvance());
    services.traps().deliver(event.trapId, seq);
    vcpu.pending = null;
    if (event.vector == Vectors.DOUBLE_FAULT) {
      services.panic(vcpu, task, event.vector);
    } else if (event.vector == Vectors.BREAKPOINT) {
      if (event.ripAdvance() > 0 && event.task == task.id && event.pc == task.pc) {
        task.breakpointPassed = true;
      }
    } else if (event.vector == Vectors.PAGE_FAULT && event.source == TrapSource.CPU) {
      task.pageReady = true;
    }
    return true;
  }

  /**
   * A task executes INT3. With the INT3 parameter set, Xen intercepts it and sends a request, leaving RIP
   * on the INT3; without a listener it re-injects #BP itself; without the parameter the guest takes #BP as
   * on bare metal. Returns whether the task may run on (its INT3 done only if {@code breakpointPassed}).
   */
  boolean breakpoint(Vcpu vcpu, Task task, long address, boolean hook) {
    Invariants.check(vcpu.pending == null, "an INT3 executed with an event pending");
    long seq = services.emit(vcpu, task.id, EventKind.BREAKPOINT, address, hook ? 1 : 0);
    long trapId = services.traps().raise(Vectors.BREAKPOINT, TrapType.SW_EXCEPTION, TrapSource.CPU, vcpu.id, task.id, seq, Vectors.NO_ERROR_CODE, 1);
    GuestEvent breakpoint =
        new GuestEvent(trapId, Vectors.BREAKPOINT, TrapType.SW_EXCEPTION, TrapSource.CPU, Vectors.NO_ERROR_CODE, 1, task.id, task.pc);
    EventMode mode = events.mode(EventSource.INT3);
    Invariants.check(!hook || mode != EventMode.DISABLED, "the listener's INT3 reached a guest without INT3 capture");
    if (mode != EventMode.DISABLED) {
      MemoryEvents.Request request =
          new MemoryEvents.Request(EventSource.INT3.reason(), vcpu, task, address, mode == EventMode.SYNC, trapId);
      MemoryEvents.Result result = events.send(request);
      if (result == MemoryEvents.Result.DROPPED) {
        services.traps().resolve(trapId, TrapOutcome.DROPPED_RING_FULL);
      }
      if (result != MemoryEvents.Result.NO_LISTENER) {
        return false;
      }
      if (xen.profile().int3WithoutListener() == XenProfile.Int3WithoutListener.REEXECUTED) {
        // hvm_memory_event_traps finds no ring and returns 1, "continue executing normally": nothing is
        // injected and RIP stays on the INT3 (4.2.0 hvm.c:4388-4394, vmx.c:2445-2446).
        services.traps().resolve(trapId, TrapOutcome.REEXECUTED);
        return false;
      }
    }
    vcpu.pending = breakpoint;
    return deliver(vcpu, task);
  }

  /** The task's instruction raised a hardware exception, delivered at once. Returns whether the task may run. */
  boolean raise(Vcpu vcpu, Task task, int vector, long errorCode) {
    Invariants.check(vcpu.pending == null, "an exception raised with an event pending");
    long seq = services.emit(vcpu, task.id, EventKind.TRAP_RAISE, vector, errorCode);
    long trapId = services.traps().raise(vector, TrapType.HW_EXCEPTION, TrapSource.CPU, vcpu.id, task.id, seq, errorCode, 0);
    vcpu.pending = new GuestEvent(trapId, vector, TrapType.HW_EXCEPTION, TrapSource.CPU, errorCode, 0, GuestEvent.NO_INSTRUCTION, 0);
    return deliver(vcpu, task);
  }

  /**
   * Why the processor refuses a VM entry carrying {@code event}, or null: the SDM's checks refuse a
   * software exception that delivers an error code, and one of length 0 where the CPU does not allow it.
   */
  private VmEntryFailure refusedAtEntry(GuestEvent event) {
    if (event.type != TrapType.SW_EXCEPTION) {
      return null;
    }
    if (event.errorCode != Vectors.NO_ERROR_CODE) {
      return VmEntryFailure.SOFTWARE_EXCEPTION_WITH_ERROR_CODE;
    }
    return event.insnLen == 0 && !zeroLengthInjection ? VmEntryFailure.ZERO_LENGTH_SOFTWARE_EXCEPTION : null;
  }

  /** A control register was written (the CR_WRITE event is out); Xen reports it if asked to. */
  @Override
  public void controlRegisterWritten(Vcpu vcpu, Task task, EventSource source, long old, long value) {
    events.controlRegister(vcpu, task, source, old, value);
  }

  /**
   * An injection the listener means to make: Xen 4.1 takes only the vector (an INT3 becomes a software
   * exception of length 1, anything else a hardware exception); later versions take the caller's type and
   * length ({@code HVMOP_TRAP_sw_exc} / {@code HVMOP_TRAP_hw_exc}).
   */
  GuestEvent newInjection(Vcpu vcpu, int taskId, int vector, InjectionType asked, int length, long errorCode, Task breakpointOf) {
    TrapType type;
    int insnLen;
    if (xen.callerChoosesTrapType()) {
      type = asked == InjectionType.SOFTWARE ? TrapType.SW_EXCEPTION : TrapType.HW_EXCEPTION;
      insnLen = length;
    } else {
      type = vector == Vectors.BREAKPOINT ? TrapType.SW_EXCEPTION : TrapType.HW_EXCEPTION;
      insnLen = vector == Vectors.BREAKPOINT ? 1 : 0;
    }
    int task = breakpointOf == null ? GuestEvent.NO_INSTRUCTION : breakpointOf.id;
    int pc = breakpointOf == null ? 0 : breakpointOf.pc;
    return new GuestEvent(-1, vector, type, TrapSource.LISTENER, errorCode, insnLen, task, pc);
  }

  /**
   * {@code HVMOP_inject_trap}: {@code -EBUSY} while the vCPU's slot holds an injection that no schedule-in
   * has taken yet. The first call for an injection raises its trap. Returns whether the slot took it.
   */
  boolean injectTrap(Vcpu vcpu, int taskId, GuestEvent injection) {
    boolean busy = vcpu.injectSlot != null;
    TrapTable traps = services.traps();
    boolean first = injection.trapId < 0;
    long trapId = first ? traps.nextId() : injection.trapId;
    long seq = services.emit(vcpu, taskId, busy ? EventKind.INJECT_EBUSY : EventKind.INJECT_REQUEST, injection.vector, trapId);
    if (first) {
      long raised =
          traps.raise(injection.vector, injection.type, TrapSource.LISTENER, vcpu.id, taskId, seq, injection.errorCode, injection.insnLen);
      Invariants.check(raised == trapId, "trap %d raised out of order", raised);
      injection.trapId = trapId;
    }
    if (!busy) {
      vcpu.injectSlot = injection;
      if (!vcpu.scheduleInDue && vcpu.awayUntilTick < 0 && !vcpu.halted && events.runnable(vcpu)) {
        // A running vCPU takes the slot at its next scheduler pass, at the latest when its slice ends.
        vcpu.sliceStepsLeft = services.range(ChoicePoint.HV_SLICE, vcpu, null, 1, sliceTicks);
      }
    }
    return !busy;
  }
}
