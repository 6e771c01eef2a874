package io.trapscope.analyzer.rules;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code TS_CLEAR_AT_SWITCH}: a switch into a task leaves CR0.TS clear while the FPU registers hold
 * another task's context, so the task's FPU instructions will not trap and will use, and clobber, state
 * that is not its own. The root cause of the lazy-FPU leak, flagged where it happens.
 */
public final class TsClearAtSwitchRule extends Rule {
  public static final String ID = "TS_CLEAR_AT_SWITCH";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String title() {
    return "a switch leaves CR0.TS clear while the FPU registers hold another task's state";
  }

  @Override
  public Set<String> requiredColumns() {
    return Set.of("seq", "vcpu", "task", "kind", "ts", "fpu_owner", "value", "aux");
  }

  @Override
  public Set<Kind> requiredKinds() {
    return Set.of(Kind.TASK_SWITCH);
  }

  @Override
  void onSwitchComplete(EvidenceRow check, FpuTracker tracker, Findings findings) {
    FpuTracker.VcpuState vcpu = tracker.vcpu(check.vcpu());
    int task = check.task();
    if (vcpu.ts || vcpu.context == task) {
      return;
    }
    List<EvidenceRow> cause = cause(vcpu, tracker);
    List<EvidenceRow> evidence = new ArrayList<>(cause);
    if (vcpu.lastLoad != null) {
      evidence.add(vcpu.lastLoad.as("registers-loaded"));
    }
    evidence.add(check);
    evidence.sort((left, right) -> Long.compare(left.seq(), right.seq()));
    List<Long> causedBy = new ArrayList<>();
    FpuTracker.TaskState sleeper = sleepingHandlerTask(cause, tracker);
    if (sleeper != null && sleeper.schedWindowFinding != 0) {
      causedBy.add(sleeper.schedWindowFinding);
    }
    String holder = vcpu.context < 0 ? "no task's (an initial state)" : "task " + vcpu.context + "'s";
    String summary = "switch to task " + task + " left CR0.TS clear while the FPU registers hold " + holder + " context";
    String explanation =
        "Lazy FPU switching relies on CR0.TS being set whenever the registers do not hold the running task's "
            + "state, so that the task's first FPU instruction traps (#NM) and the kernel saves and restores. "
            + "Here task " + task + " starts running on vCPU " + check.vcpu() + " with TS clear"
            + describeCause(cause)
            + ", so its FPU instructions will not trap: it will work on " + holder + " registers, and whatever it "
            + "writes will never be saved.";
    List<EvidenceRow> timeline =
        findings.wantsTimeline(this) ? vcpu.history(windowStart(cause, check), check.seq(), 60) : List.of();
    long id = findings.report(this, 70, check.vcpu(), task, summary, explanation, evidence, causedBy, findings.fixes(ID), timeline);
    vcpu.lastBrokenSwitch = id;
    FpuTracker.TaskState incoming = tracker.task(task);
    incoming.brokenSwitch = check;
    incoming.brokenSwitchFinding = id;
    incoming.brokenSwitchCause = List.copyOf(cause);
  }

  /** The event that cleared TS, and the #NM handler that was open then and has since slept. */
  static List<EvidenceRow> cause(FpuTracker.VcpuState vcpu, FpuTracker tracker) {
    List<EvidenceRow> cause = new ArrayList<>();
    if (vcpu.tsCleared != null) {
      cause.add(vcpu.tsCleared);
      FpuTracker.TaskState clearer = tracker.existingTask(vcpu.tsCleared.task());
      if (clearer != null && clearer.handlerDepth > 0) {
        if (clearer.handlerIrqEnable != null) {
          cause.add(clearer.handlerIrqEnable);
        }
        if (clearer.handlerSleep != null) {
          cause.add(clearer.handlerSleep);
        }
      }
    }
    return cause;
  }

  private static FpuTracker.TaskState sleepingHandlerTask(List<EvidenceRow> cause, FpuTracker tracker) {
    for (EvidenceRow row : cause) {
      if (row.role().equals("handler-sleep")) {
        return tracker.existingTask(row.task());
      }
    }
    return null;
  }

  static String describeCause(List<EvidenceRow> cause) {
    if (cause.isEmpty()) {
      return "";
    }
    EvidenceRow cleared = cause.get(0);
    StringBuilder text = new StringBuilder();
    if (cleared.kind().equals("NM_ENTER")) {
      text.append(": TS was cleared when #NM was delivered to task ").append(cleared.task())
          .append(" at seq ").append(cleared.seq())
          .append(" (the Xen PV ABI clears the guest's TS before its #NM handler runs)");
    } else {
      text.append(": TS was last cleared at seq ").append(cleared.seq()).append(" (").append(cleared.kind())
          .append(" by task ").append(cleared.task()).append(')');
    }
    for (EvidenceRow row : cause) {
      if (row.role().equals("handler-sleep")) {
        text.append(", and that task's #NM handler then enabled interrupts and slept in its FPU-area allocation at seq ")
            .append(row.seq()).append(" without setting TS again, so the scheduler switched with TS clear");
      }
    }
    return text.toString();
  }

  static long windowStart(List<EvidenceRow> cause, EvidenceRow end) {
    long start = end.seq() - 40;
    for (EvidenceRow row : cause) {
      start = Math.min(start, row.seq() - 1);
    }
    return Math.max(0, start);
  }
}
