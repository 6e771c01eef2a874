package io.trapscope.emulator;

import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.model.scenario.EventSource;
import io.trapscope.model.scenario.GuestConfig;
import io.trapscope.model.scenario.Hypervisor;
import io.trapscope.model.scenario.Kernel;
import io.trapscope.model.vocabulary.ControlRegister;
import io.trapscope.model.vocabulary.CrashReason;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Hypercall;
import io.trapscope.model.vocabulary.RestoreWhere;
import io.trapscope.model.vocabulary.TrapOutcome;
import io.trapscope.model.vocabulary.TrapSource;
import io.trapscope.model.vocabulary.TrapType;
import io.trapscope.model.vocabulary.Vectors;
import io.trapscope.model.vocabulary.WakeReason;

/**
 * The guest kernel's lazy FPU switching and #NM handling, and the hypervisor's delivery of #NM
 * (MODEL.md sections 3 to 5). The bug of seed 003 is not written down anywhere here: it follows from
 * Xen PV clearing TS at delivery, the handler sleeping before it marks the task, and the switch leaving TS
 * alone for a task that does not hold the FPU.
 *
 * <p>It is the kernel's, not a hypervisor {@link Feature}: every guest has it and it runs on every context
 * switch, so the machine calls it directly.
 */
final class LazyFpu {

  private final MachineServices services;
  private final Hypervisor hypervisor;
  private final Kernel kernel;
  private final GuestConfig guest;
  private final boolean eager;
  private final boolean konradStts;

  LazyFpu(MachineServices services, Hypervisor hypervisor, Kernel kernel, GuestConfig guest, boolean eager, boolean konradStts) {
    this.services = services;
    this.hypervisor = hypervisor;
    this.kernel = kernel;
    this.guest = guest;
    this.eager = eager;
    this.konradStts = konradStts;
  }

  /** CR0.TS of a vCPU at boot: set in lazy mode so the first FPU user traps, clear in eager mode. */
  boolean tsAtBoot() {
    return !eager;
  }

  /** Whether a new task gets its FPU area at fork (eager mode) or at its first #NM (lazy mode). */
  boolean usedMathAtFork() {
    return eager;
  }

  /**
   * An FPU instruction of {@code task} found CR0.TS set: the CPU raises #NM, the hypervisor delivers it,
   * the guest's handler runs. The instruction is retried when the task next runs user code.
   */
  void deviceNotAvailable(Vcpu vcpu, Task task) {
    long raised = services.emit(vcpu, task.id, EventKind.NM_RAISE, Vectors.DEVICE_NOT_AVAILABLE, task.nmDepth);
    long trapId = services.traps().raise(Vectors.DEVICE_NOT_AVAILABLE, TrapType.HW_EXCEPTION, TrapSource.CPU, vcpu.id, task.id, raised);
    vcpu.setTs(hypervisor.tsAtNmHandlerEntry(vcpu.ts()));
    if (task.nmDepth >= Kernel.NM_NESTING_MAX) {
      services.traps().resolve(trapId, TrapOutcome.DOMAIN_CRASH);
      services.crash(vcpu, task, CrashReason.NESTED_NM_STACK_OVERFLOW.code(), task.nmDepth);
    }
    task.nmDepth++;
    long entered = services.emit(vcpu, task.id, EventKind.NM_ENTER, Vectors.DEVICE_NOT_AVAILABLE, task.nmDepth);
    services.traps().deliver(trapId, entered);
    switch (kernel.handler()) {
      case ALLOCATE_MAY_SLEEP:
        allocatingHandler(vcpu, task);
        break;
      case IN_TASK_AREA:
        inTaskAreaHandler(vcpu, task);
        break;
      case XENOLINUX:
        xenolinuxHandler(vcpu, task);
        break;
      default:
        throw new IllegalStateException("unhandled handler " + kernel.handler());
    }
  }

  /** pvops 2.6.32 and 3.11 {@code math_state_restore}, with Konrad's patch when it is applied. */
  private void allocatingHandler(Vcpu vcpu, Task task) {
    if (!task.usedMath) {
      boolean patched = konradStts && hypervisor.isParavirtual();
      if (patched) {
        setTs(vcpu, task.id, true);
      }
      services.emit(vcpu, task.id, EventKind.IRQ_ENABLE, 0, 0);
      if (services.chance(ChoicePoint.ALLOC_SLEEPS, vcpu, task, guest.allocSleepProbability())) {
        long ticks =
            services.range(ChoicePoint.ALLOC_TICKS, vcpu, task, guest.allocSleepTicksMin(), guest.allocSleepTicksMax());
        services.emit(vcpu, task.id, EventKind.ALLOC_SLEEP, 0, ticks);
        task.resume = Task.RESUME_NM_AFTER_ALLOCATION;
        services.sleep(vcpu, task, ticks, WakeReason.ALLOCATION.code());
        return;
      }
      afterAllocation(vcpu, task, false);
    }
    restoreAndReturn(vcpu, task);
  }

  /** The task whose allocation slept runs again, possibly on another vCPU. */
  void resumeAfterAllocation(Vcpu vcpu, Task task) {
    Invariants.check(kernel.handler() == Kernel.Handler.ALLOCATE_MAY_SLEEP, "only allocating handlers sleep");
    afterAllocation(vcpu, task, true);
    restoreAndReturn(vcpu, task);
  }

  private void afterAllocation(Vcpu vcpu, Task task, boolean slept) {
    initArea(vcpu, task, slept);
    services.emit(vcpu, task.id, EventKind.IRQ_DISABLE, 0, 0);
    if (konradStts && hypervisor.isParavirtual()) {
      setTs(vcpu, task.id, false);
    }
  }

  /** {@code clts(); __math_state_restore()}: the task now holds the FPU. */
  private void restoreAndReturn(Vcpu vcpu, Task task) {
    if (!eager) {
      setTs(vcpu, task.id, false);
    }
    restore(vcpu, task, RestoreWhere.IN_HANDLER.code());
    task.fpuCounter = (task.fpuCounter + 1) & 0xFF;
    exitHandler(vcpu, task);
  }

  /** Linux 4.2 {@code fpu__restore}: the area is part of the task, so nothing can sleep. */
  private void inTaskAreaHandler(Vcpu vcpu, Task task) {
    if (!task.usedMath) {
      initArea(vcpu, task, false);
    }
    restoreAndReturn(vcpu, task);
  }

  /**
   * XenoLinux {@code math_state_restore}: Xen is trusted to have cleared TS, so only the shadow CR0 is
   * cleared; the restore is an FPU instruction and raises #NM again, nested, if TS is in fact set.
   */
  private void xenolinuxHandler(Vcpu vcpu, Task task) {
    if (!task.usedMath) {
      initArea(vcpu, task, false);
    }
    for (int attempt = 0; vcpu.ts(); attempt++) {
      Invariants.check(attempt <= Kernel.NM_NESTING_MAX, "nested #NM did not end in a restore or a crash");
      deviceNotAvailable(vcpu, task);
    }
    restore(vcpu, task, RestoreWhere.IN_HANDLER.code());
    exitHandler(vcpu, task);
  }

  private void initArea(Vcpu vcpu, Task task, boolean slept) {
    task.usedMath = true;
    task.savedValue = 0;
    task.savedOwner = -1;
    // A fresh area is not in any registers (Linux 3.11.1 source, arch/x86/kernel/i387.c 227).
    task.fpuLastVcpu = -1;
    services.emit(vcpu, task.id, EventKind.FPU_INIT, 0, slept ? 1 : 0);
  }

  /**
   * Loads {@code task}'s registers: the task holds the FPU and becomes its vCPU's {@code fpu_owner_task}
   * (3.x {@code __thread_set_has_fpu}, fpu-internal.h 324-328). 2.6.32 and XenoLinux keep no owner, but
   * only kernels with a lazy restore read it.
   */
  private void restore(Vcpu vcpu, Task task, int how) {
    vcpu.fpuValue = task.savedValue;
    vcpu.fpuOwner = task.savedOwner;
    vcpu.fpuOwnerTask = task;
    task.hasFpu = true;
    services.emit(vcpu, task.id, EventKind.FPU_RESTORE, task.savedValue, how);
  }

  private void exitHandler(Vcpu vcpu, Task task) {
    Invariants.check(task.nmDepth > 0, "#NM handler returned without being entered");
    services.emit(vcpu, task.id, EventKind.NM_EXIT, Vectors.DEVICE_NOT_AVAILABLE, task.nmDepth);
    task.nmDepth--;
  }

  /**
   * The FPU half of a context switch before the switch itself: 2.6.32's {@code __unlazy_fpu} and
   * {@code preload_fpu} in {@code __switch_to} (Linux 2.6.32 source, arch/x86/kernel/process_64.c 393-432,
   * arch/x86/include/asm/i387.h 271-277), 3.x's {@code switch_fpu_prepare} (Linux 3.11.1 source,
   * arch/x86/include/asm/fpu-internal.h, the skip at 446-447). Returns whether {@link #finishSwitch} must load the
   * next task's registers.
   */
  boolean prepareSwitch(Vcpu vcpu, Task previous, Task next) {
    boolean preload = next != null && next.usedMath && (eager || (kernel.preloads() && next.fpuCounter > 5));
    int previousId = previous == null ? -1 : previous.id;
    boolean held = previous != null && previous.hasFpu;
    if (held) {
      Invariants.check(previous.lastVcpu == vcpu.id, "task holds the FPU of another vCPU");
      previous.savedValue = vcpu.fpuValue;
      previous.savedOwner = vcpu.fpuOwner;
      previous.hasFpu = false;
      // fxsave leaves the registers intact, so they still hold this task's state: 3.x remembers where
      // (fpu-internal.h 431) and leaves fpu_owner_task pointing at it (432).
      previous.fpuLastVcpu = vcpu.id;
      services.emit(vcpu, previousId, EventKind.FPU_SAVE, vcpu.fpuValue, 0);
      // 2.6.32's __unlazy_fpu sets TS at every save; 3.x does not touch it when it preloads next.
      if (!eager && (!preload || !kernel.lazyRestore())) {
        setTs(vcpu, previousId, true);
      }
    } else if (previous != null) {
      previous.fpuCounter = 0;
      previous.fpuLastVcpu = -1;
    }
    if (!preload) {
      return false;
    }
    // 2.6.32 clears TS after unlazy_fpu whatever it did (process_64.c 431-432); 3.x clears it in
    // __thread_fpu_begin only when the previous task did not hold the FPU, since only then may TS be set,
    // and does so even when it skips the restore.
    if (!eager && (!held || !kernel.lazyRestore())) {
      setTs(vcpu, previousId, false);
    }
    next.fpuCounter = (next.fpuCounter + 1) & 0xFF;
    next.hasFpu = true;
    return !lazyRestoreApplies(vcpu, next);
  }

  /**
   * 3.x {@code fpu_lazy_restore} (Linux 3.11.1 source, fpu-internal.h 412-416): the kernel trusts that the
   * registers still hold {@code next}'s state if it was the last task the kernel loaded there and its
   * state was last saved from there. An interloper that wrote them without trapping breaks that trust.
   * Only in lazy mode: 3.11 tests {@code !use_eager_fpu()} first (446).
   */
  private boolean lazyRestoreApplies(Vcpu vcpu, Task next) {
    return !eager && kernel.lazyRestore() && vcpu.fpuOwnerTask == next && next.fpuLastVcpu == vcpu.id;
  }

  /**
   * The FPU half after the switch: 2.6.32's {@code __math_state_restore} (process_64.c 496-497), 3.x's
   * {@code switch_fpu_finish} (fpu-internal.h 462-467). Loads the registers of a preloaded task whose
   * restore was not skipped.
   */
  void finishSwitch(Vcpu vcpu, Task next, boolean restores) {
    if (restores) {
      restore(vcpu, next, RestoreWhere.PRELOAD.code());
    }
  }

  /**
   * {@code stts()} / {@code clts()}: a CR0 write on bare metal and HVM, the {@code fpu_taskswitch}
   * hypercall under PV.
   */
  private void setTs(Vcpu vcpu, int taskId, boolean set) {
    long old = vcpu.cr0;
    vcpu.setTs(set);
    if (hypervisor.isParavirtual()) {
      services.emit(vcpu, taskId, EventKind.HYPERCALL, Hypercall.FPU_TASKSWITCH.code(), set ? 1 : 0);
    } else {
      services.emit(vcpu, taskId, EventKind.CR_WRITE, vcpu.cr0, ControlRegister.CR0.code());
      services.controlRegisterWritten(vcpu, vcpu.current, EventSource.CR0, old, vcpu.cr0);
    }
  }
}
