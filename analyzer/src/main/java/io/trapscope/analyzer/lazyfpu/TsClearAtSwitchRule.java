package io.trapscope.analyzer.lazyfpu;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.analyzer.engine.RowSlot;
import io.trapscope.model.vocabulary.EventKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code TS_CLEAR_AT_SWITCH}: a switch into a task leaves CR0.TS clear while the FPU registers hold
 * another task's context, so the task's FPU instructions will not trap and will use, and clobber, state
 * that is not its own. The root cause of the lazy-FPU leak, flagged where it happens.
 */
public final class TsClearAtSwitchRule extends LazyFpuRule {
  public static final String ID = "TS_CLEAR_AT_SWITCH";

  public TsClearAtSwitchRule() {
    super(ID, Severity.WARNING, "a switch leaves CR0.TS clear while the FPU registers hold another task's state");
  }

  @Override
  public Set<String> requiredColumns() {
    return Set.of("seq", "vcpu", "task", "kind", "ts", "fpu_owner", "value", "aux");
  }

  @Override
  public Set<EventKind> requiredKinds() {
    return Set.of(EventKind.TASK_SWITCH);
  }

  @Override
  boolean watchesSwitches() {
    return true;
  }

  @Override
  void onSwitchComplete(RowSlot check, FpuTracker tracker, Findings findings) {
    FpuTracker.VcpuState vcpu = tracker.vcpu(check.vcpu());
    int task = check.task();
    if (vcpu.ts || vcpu.context == task) {
      return;
    }
    boolean skipped = skippedRestore(vcpu, task);
    FpuTracker.TaskState clearer = vcpu.tsCleared.present() ? tracker.existingTask(vcpu.tsCleared.task()) : null;
    boolean handlerOpen = !skipped && clearer != null && clearer.handlerDepth > 0;
    EvidenceRow irqEnable = handlerOpen ? clearer.handlerIrqEnable : null;
    EvidenceRow sleep = handlerOpen ? clearer.handlerSleep : null;
    List<Long> causedBy = handlerOpen && clearer.schedWindowFinding != 0 ? List.of(clearer.schedWindowFinding) : List.of();
    if (skipped) {
      // The contract broke earlier, when the interloper began to run with TS clear; this switch only trusts it.
      FpuTracker.TaskState interloper = tracker.existingTask(vcpu.context);
      causedBy = interloper != null && interloper.brokenSwitchFinding != 0 ? List.of(interloper.brokenSwitchFinding) : List.of();
    }
    List<EvidenceRow> evidence = List.of();
    String summary = "";
    String explanation = "";
    List<EvidenceRow> timeline = List.of();
    if (findings.wantsEvidence(this)) {
      List<EvidenceRow> cause =
          skipped
              ? List.of(vcpu.ownerLoad.row("owner-restore"), vcpu.tsClearWrite.row("preload-clts"))
              : cause(vcpu.tsCleared.row("ts-cleared"), irqEnable, sleep);
      evidence = new ArrayList<>(cause);
      if (vcpu.lastLoad.present()) {
        evidence.add(vcpu.lastLoad.row("registers-loaded"));
      }
      EvidenceRow switchRow = check.row("switch");
      evidence.add(switchRow);
      evidence.sort((left, right) -> Long.compare(left.seq(), right.seq()));
      if (findings.keeps(this)) {
        String holder = vcpu.context < 0 ? "no task's (an initial state)" : "task " + vcpu.context + "'s";
        summary = "switch to task " + task + " left CR0.TS clear while the FPU registers hold " + holder + " context";
        explanation =
            "Lazy FPU switching relies on CR0.TS being set whenever the registers do not hold the running task's "
                + "state, so that the task's first FPU instruction traps (#NM) and the kernel saves and restores. "
                + "Here task " + task + " starts running on vCPU " + check.vcpu() + " with TS clear"
                + (skipped ? describeSkip(cause, holder, causedBy) : describeCause(cause))
                + ", so its FPU instructions will not trap: it will work on " + holder + " registers, and whatever it "
                + "writes will never be saved.";
        if (findings.wantsTimeline(this)) {
          timeline = vcpu.history(windowStart(cause, check.seq()), check.seq(), 60);
        }
      }
    }
    long id = findings.report(this, 70, check.vcpu(), task, summary, explanation, evidence, causedBy, timeline);
    vcpu.lastBrokenSwitch = id;
    FpuTracker.TaskState incoming = tracker.task(task);
    incoming.brokenSwitch.copyFrom(check);
    incoming.brokenSwitchFinding = id;
    incoming.brokenSwitchTsCleared.copyFrom(vcpu.tsCleared);
    incoming.brokenSwitchIrqEnable = irqEnable;
    incoming.brokenSwitchSleep = sleep;
    incoming.brokenSwitchSkippedRestore = skipped;
  }

  /**
   * Whether the switch preloaded {@code task} and skipped its restore: the switch itself cleared TS, no
   * restore followed, and the task was the vCPU's {@code fpu_owner_task}. Linux 3.x's {@code
   * fpu_lazy_restore} (Linux 3.11.1 source, arch/x86/include/asm/fpu-internal.h 412-416) skips it when that
   * owner's {@code last_cpu} is this vCPU; 2.6.32 always restores after its {@code clts()}, so this never
   * matches there.
   */
  static boolean skippedRestore(FpuTracker.VcpuState vcpu, int task) {
    return vcpu.switchClearedTs && vcpu.ownerLoad.present() && vcpu.ownerLoad.task() == task;
  }

  static String describeSkip(List<EvidenceRow> cause, String holder, List<Long> causedBy) {
    EvidenceRow owner = cause.get(0);
    EvidenceRow clts = cause.get(1);
    return ": the switch preloaded it, clearing TS at seq " + clts.seq() + " (" + clts.kind() + "), but restored "
        + "nothing, because the task was still the vCPU's fpu_owner_task (the kernel last loaded its state here at seq "
        + owner.seq() + ") and its last_cpu was this vCPU, so Linux 3.x's fpu_lazy_restore trusted the registers to "
        + "still hold its state. They hold " + holder + " data instead: that task wrote them without trapping and so "
        + "never became fpu_owner_task"
        + (causedBy.isEmpty() ? "" : " (it ran with TS clear, finding " + causedBy.get(0) + ")");
  }

  /** The rows that explain a broken switch: who cleared TS, and the handler that then slept. */
  static List<EvidenceRow> cause(EvidenceRow tsCleared, EvidenceRow irqEnable, EvidenceRow sleep) {
    List<EvidenceRow> cause = new ArrayList<>(3);
    if (tsCleared != null) {
      cause.add(tsCleared);
      if (irqEnable != null) {
        cause.add(irqEnable);
      }
      if (sleep != null) {
        cause.add(sleep);
      }
    }
    return cause;
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

  static long windowStart(List<EvidenceRow> cause, long end) {
    long start = end - 40;
    for (EvidenceRow row : cause) {
      start = Math.min(start, row.seq() - 1);
    }
    return Math.max(0, start);
  }
}
