package io.trapscope.analyzer.lazyfpu;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.engine.Event;
import io.trapscope.analyzer.engine.RowSlot;
import io.trapscope.analyzer.engine.RuleEngine;
import io.trapscope.analyzer.engine.Timelines;
import io.trapscope.model.vocabulary.ControlRegister;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Hypercall;
import io.trapscope.model.vocabulary.RestoreWhere;
import java.util.ArrayList;
import java.util.List;

/**
 * What the trace says about each vCPU's FPU and each task's #NM handler, updated event by event; rules
 * read it. Memory holds one entry per vCPU and per live task, whatever the trace's length.
 */
public final class FpuTracker {
  private final Timelines timelines;
  private VcpuState[] vcpus = new VcpuState[8];
  private final TaskTable tasks = new TaskTable();

  FpuTracker(Timelines timelines) {
    this.timelines = timelines;
  }

  /** One vCPU's state after the last event applied. */
  public static final class VcpuState {
    private final int id;
    private final Timelines timelines;
    /** CR0.TS as the guest sees it. */
    public boolean ts = true;
    /** The task whose FPU context the registers hold: the last FPU_WRITE or FPU_RESTORE; -1 none yet. */
    public int context = -1;
    /** The event that put the registers' current data there. */
    public final RowSlot lastLoad = new RowSlot();
    /** The event after which TS last went from set to clear. */
    public final RowSlot tsCleared = new RowSlot();
    /** A switch whose FPU half may still follow (a preload), checked at the vCPU's next event. */
    final RowSlot pendingSwitch = new RowSlot();
    /** The finding id of the last switch on this vCPU that broke the lazy-FPU contract, 0 if none. */
    public long lastBrokenSwitch;
    /**
     * The last FPU_RESTORE here: its task is Linux 3.x's {@code fpu_owner_task}, which only the kernel's own
     * loads change, never a task's FPU_WRITE.
     */
    public final RowSlot ownerLoad = new RowSlot();
    /** The last {@code clts()} here: an {@code fpu_taskswitch} hypercall or a CR0 write that left TS clear. */
    public final RowSlot tsClearWrite = new RowSlot();
    /**
     * Whether the last switch here cleared TS itself, after all FPU activity since the switch before it:
     * the {@code clts()} of a preload, then followed by a restore unless the kernel skipped it.
     */
    public boolean switchClearedTs;
    private long lastFpuActivitySeq = -1;
    private long lastSwitchSeq = -1;

    VcpuState(int vcpu, Timelines timelines) {
      this.id = vcpu;
      this.timelines = timelines;
    }

    /** Rows of this vCPU's recent history with seq in {@code [from, to]}, at most {@code limit}. */
    public List<EvidenceRow> history(long from, long to, int limit) {
      return timelines.between(id, from, to, limit);
    }
  }

  /** One live task's FPU and handler state. */
  public static final class TaskState {
    /** #NM handlers open on the task's kernel stack. */
    public int handlerDepth;
    /** The outermost open handler's NM_ENTER. */
    public EvidenceRow handlerEntry;
    public EvidenceRow handlerIrqEnable;
    public EvidenceRow handlerSleep;
    /** The finding id of the NM_SCHED_WINDOW for the open handler, 0 if none. */
    public long schedWindowFinding;
    public final RowSlot lastWrite = new RowSlot();
    /** The last switch into this task that broke the lazy-FPU contract, and its finding id (0 if none). */
    public final RowSlot brokenSwitch = new RowSlot();
    public long brokenSwitchFinding;
    /** That switch's causes: the event that cleared TS, and the handler that then slept (or null). */
    public final RowSlot brokenSwitchTsCleared = new RowSlot();
    public EvidenceRow brokenSwitchIrqEnable;
    public EvidenceRow brokenSwitchSleep;
    /** Whether at that switch the kernel preloaded the task but skipped its restore (3.x lazy restore). */
    public boolean brokenSwitchSkippedRestore;
  }

  /** The state of {@code vcpu}, created on first sight. */
  public VcpuState vcpu(int vcpu) {
    if (vcpu >= vcpus.length) {
      vcpus = java.util.Arrays.copyOf(vcpus, Math.max(vcpu + 1, vcpus.length * 2));
    }
    VcpuState state = vcpus[vcpu];
    if (state == null) {
      state = new VcpuState(vcpu, timelines);
      vcpus[vcpu] = state;
    }
    return state;
  }

  /** The state of {@code task}, created on first sight; null for -1. */
  public TaskState task(int task) {
    if (task < 0) {
      return null;
    }
    TaskState state = tasks.get(task);
    if (state == null) {
      if (tasks.size() >= RuleEngine.LIVE_TASKS_MAX) {
        throw new IllegalStateException("more than " + RuleEngine.LIVE_TASKS_MAX + " live tasks");
      }
      state = new TaskState();
      tasks.put(task, state);
    }
    return state;
  }

  /** The state of {@code task} if it is known, without creating it. */
  public TaskState existingTask(int task) {
    return task < 0 ? null : tasks.get(task);
  }

  /**
   * The vCPU of a switch whose check was waiting for the vCPU's next event, if {@code event} settles it
   * (applying the event first if it is the switch's preload); null otherwise. The switch is then in the
   * vCPU's {@link VcpuState#pendingSwitch} until {@link #clearPendingSwitch}.
   */
  VcpuState pendingSwitchSettledBy(Event event) {
    VcpuState state = vcpu(event.vcpu);
    if (!state.pendingSwitch.present()) {
      return null;
    }
    boolean preload = event.kind == EventKind.FPU_RESTORE && event.aux == RestoreWhere.PRELOAD.code() && event.task == state.pendingSwitch.task();
    if (preload) {
      apply(event);
    }
    return state;
  }

  void clearPendingSwitch(VcpuState state) {
    state.pendingSwitch.clear();
  }

  /** Every vCPU with a switch still waiting, at the end of the trace, in seq order of the switches. */
  List<VcpuState> vcpusWithPendingSwitches() {
    List<VcpuState> pending = new ArrayList<>();
    for (VcpuState state : vcpus) {
      if (state != null && state.pendingSwitch.present()) {
        pending.add(state);
      }
    }
    pending.sort((left, right) -> Long.compare(left.pendingSwitch.seq(), right.pendingSwitch.seq()));
    return pending;
  }

  /** Applies {@code event} to the state. Idempotent for the preload already applied at a switch check. */
  void apply(Event event) {
    VcpuState vcpu = vcpu(event.vcpu);
    if (vcpu.ts && !event.ts) {
      vcpu.tsCleared.set(event);
    }
    vcpu.ts = event.ts;
    if (isTsWrite(event) && !event.ts) {
      vcpu.tsClearWrite.set(event);
    }
    // Only kinds that carry task state create it: a task's last events (a save after its exit, say) must
    // not bring an exited task back and leak its entry.
    switch (event.kind) {
      case TASK_SWITCH:
        long since = Math.max(vcpu.lastFpuActivitySeq, vcpu.lastSwitchSeq);
        vcpu.switchClearedTs = vcpu.tsClearWrite.present() && vcpu.tsClearWrite.seq() > since;
        vcpu.lastSwitchSeq = event.seq;
        break;
      case FPU_SAVE:
      case FPU_READ:
        vcpu.lastFpuActivitySeq = event.seq;
        break;
      case FPU_WRITE:
        vcpu.lastFpuActivitySeq = event.seq;
        vcpu.context = event.task;
        vcpu.lastLoad.set(event);
        if (event.task >= 0) {
          task(event.task).lastWrite.set(event);
        }
        break;
      case FPU_RESTORE:
        vcpu.lastFpuActivitySeq = event.seq;
        vcpu.context = event.task;
        vcpu.lastLoad.set(event);
        vcpu.ownerLoad.set(event);
        break;
      case NM_ENTER:
        vcpu.lastFpuActivitySeq = event.seq;
        if (event.task >= 0) {
          TaskState task = task(event.task);
          task.handlerDepth++;
          if (task.handlerDepth == 1) {
            task.handlerEntry = event.row("handler-entry");
            task.handlerIrqEnable = null;
            task.handlerSleep = null;
            task.schedWindowFinding = 0;
          }
        }
        break;
      case IRQ_ENABLE:
        TaskState enabling = existingTask(event.task);
        if (enabling != null && enabling.handlerDepth > 0) {
          enabling.handlerIrqEnable = event.row("handler-irq-enable");
        }
        break;
      case ALLOC_SLEEP:
        TaskState sleeping = existingTask(event.task);
        if (sleeping != null && sleeping.handlerDepth > 0) {
          sleeping.handlerSleep = event.row("handler-sleep");
        }
        break;
      case NM_EXIT:
        TaskState exiting = existingTask(event.task);
        if (exiting != null && exiting.handlerDepth > 0) {
          exiting.handlerDepth--;
        }
        break;
      case TASK_EXIT:
        tasks.remove(event.task);
        break;
      default:
        break;
    }
  }

  /** {@code stts()} or {@code clts()}: the {@code fpu_taskswitch} hypercall under PV, a CR0 write otherwise. */
  static boolean isTsWrite(Event event) {
    return (event.kind == EventKind.HYPERCALL && event.value == Hypercall.FPU_TASKSWITCH.code())
        || (event.kind == EventKind.CR_WRITE && event.aux == ControlRegister.CR0.code());
  }

  /** Records a switch into a task, to be checked once its FPU half is known. */
  void startSwitch(Event event) {
    if (event.kind == EventKind.TASK_SWITCH && event.task >= 0) {
      vcpu(event.vcpu).pendingSwitch.set(event);
    }
  }

}
