package io.trapscope.analyzer.rules;

import io.trapscope.analyzer.EvidenceRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the trace says about each vCPU's FPU and each task's #NM handler, updated event by event; rules
 * read it. Memory holds one entry per vCPU and per live task, whatever the trace's length.
 */
public final class FpuTracker {
  /** trapscope's machines have at most 64 vCPUs; a trace claiming thousands is not one of ours. */
  public static final int VCPUS_MAX = 4096;
  /** Far more live tasks than any scenario has; a hostile trace cannot make us hold more. */
  public static final int LIVE_TASKS_MAX = 1 << 20;

  private final Map<Integer, VcpuState> vcpus = new HashMap<>();
  private final Map<Integer, TaskState> tasks = new HashMap<>();

  /** One vCPU's state after the last event applied. */
  public static final class VcpuState {
    final History history;
    /** CR0.TS as the guest sees it. */
    public boolean ts = true;
    /** The task whose FPU context the registers hold: the last FPU_WRITE or FPU_RESTORE; -1 none yet. */
    public int context = -1;
    /** The event that put the registers' current data there. */
    public EvidenceRow lastLoad;
    /** The event after which TS last went from set to clear. */
    public EvidenceRow tsCleared;
    /** A switch whose FPU half may still follow (a preload), checked at the vCPU's next event. */
    EvidenceRow pendingSwitch;
    /** The finding id of the last switch on this vCPU that broke the lazy-FPU contract, 0 if none. */
    public long lastBrokenSwitch;

    VcpuState(int vcpu) {
      this.history = new History(vcpu);
    }

    /** Rows of this vCPU's recent history with seq in {@code [from, to]}, at most {@code limit}. */
    public List<EvidenceRow> history(long from, long to, int limit) {
      return history.between(from, to, limit);
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
    public EvidenceRow lastWrite;
    /** The last switch into this task that broke the lazy-FPU contract, and its finding id. */
    public EvidenceRow brokenSwitch;
    public long brokenSwitchFinding;
    /** The cause rows of that switch: the event that cleared TS and the handler that slept. */
    public List<EvidenceRow> brokenSwitchCause = List.of();
  }

  /** The state of {@code vcpu}, created on first sight. */
  public VcpuState vcpu(int vcpu) {
    VcpuState state = vcpus.get(vcpu);
    if (state == null) {
      state = new VcpuState(vcpu);
      vcpus.put(vcpu, state);
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
      if (tasks.size() >= LIVE_TASKS_MAX) {
        throw new IllegalStateException("more than " + LIVE_TASKS_MAX + " live tasks");
      }
      state = new TaskState();
      tasks.put(task, state);
    }
    return state;
  }

  /** The state of {@code task} if it is known, without creating it. */
  public TaskState existingTask(int task) {
    return tasks.get(task);
  }

  /** A switch into a task whose check was waiting for the vCPU's next event, if this event settles it. */
  EvidenceRow takePendingSwitch(Event event) {
    VcpuState state = vcpu(event.vcpu);
    EvidenceRow pending = state.pendingSwitch;
    if (pending == null) {
      return null;
    }
    boolean preload = event.kind == Kind.FPU_RESTORE && event.aux == 1 && event.task == pending.task();
    if (preload) {
      apply(event);
    }
    state.pendingSwitch = null;
    return pending;
  }

  /** Every switch still waiting, at the end of the trace. */
  List<EvidenceRow> takeAllPendingSwitches() {
    List<EvidenceRow> pending = new ArrayList<>();
    for (VcpuState state : vcpus.values()) {
      if (state.pendingSwitch != null) {
        pending.add(state.pendingSwitch);
        state.pendingSwitch = null;
      }
    }
    pending.sort((left, right) -> Long.compare(left.seq(), right.seq()));
    return pending;
  }

  /** Applies {@code event} to the state. Idempotent for the preload already applied at a switch check. */
  void apply(Event event) {
    VcpuState vcpu = vcpu(event.vcpu);
    if (vcpu.ts && !event.ts) {
      vcpu.tsCleared = event.row("ts-cleared");
    }
    vcpu.ts = event.ts;
    // Only kinds that carry task state create it: a task's last events (a save after its exit, say) must
    // not bring an exited task back and leak its entry.
    switch (event.kind) {
      case FPU_WRITE:
        vcpu.context = event.task;
        vcpu.lastLoad = event.row("data-written");
        if (event.task >= 0) {
          task(event.task).lastWrite = event.row("own-write");
        }
        break;
      case FPU_RESTORE:
        vcpu.context = event.task;
        vcpu.lastLoad = event.row("data-restored");
        break;
      case NM_ENTER:
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

  /** Records a switch into a task, to be checked once its FPU half is known. */
  void startSwitch(Event event) {
    if (event.kind == Kind.TASK_SWITCH && event.task >= 0) {
      vcpu(event.vcpu).pendingSwitch = event.row("switch");
    }
  }

  void addHistory(Event event) {
    vcpu(event.vcpu).history.add(event);
  }
}
