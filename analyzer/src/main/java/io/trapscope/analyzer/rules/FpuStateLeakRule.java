package io.trapscope.analyzer.rules;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code FPU_STATE_LEAK}: a task reads FPU data it did not write, another task's or an initial state. The
 * corruption the seed's memset/memcmp test detects; linked to the switch and the #NM handler that caused
 * it.
 */
public final class FpuStateLeakRule extends Rule {
  public static final String ID = "FPU_STATE_LEAK";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Severity severity() {
    return Severity.ERROR;
  }

  @Override
  public String title() {
    return "a task reads FPU data that it did not write";
  }

  @Override
  public Set<String> requiredColumns() {
    return Set.of("seq", "vcpu", "task", "kind", "fpu_owner", "value", "aux");
  }

  @Override
  public Set<Kind> requiredKinds() {
    return Set.of(Kind.FPU_READ);
  }

  @Override
  void beforeEvent(Event event, FpuTracker tracker, Findings findings) {
    if (event.kind != Kind.FPU_READ || (event.fpuOwner == event.task && event.value == event.aux)) {
      return;
    }
    FpuTracker.VcpuState vcpu = tracker.vcpu(event.vcpu);
    FpuTracker.TaskState task = tracker.existingTask(event.task);
    List<EvidenceRow> evidence = new ArrayList<>();
    List<Long> causedBy = new ArrayList<>();
    long windowStart = event.seq - 40;
    if (task != null && task.brokenSwitch != null) {
      evidence.addAll(task.brokenSwitchCause);
      evidence.add(task.brokenSwitch);
      causedBy.add(task.brokenSwitchFinding);
      windowStart = TsClearAtSwitchRule.windowStart(task.brokenSwitchCause, task.brokenSwitch);
    } else if (vcpu.lastBrokenSwitch != 0) {
      causedBy.add(vcpu.lastBrokenSwitch);
    }
    if (task != null && task.lastWrite != null) {
      evidence.add(task.lastWrite);
    }
    if (vcpu.lastLoad != null) {
      evidence.add(vcpu.lastLoad.as("observed-data-loaded"));
    }
    EvidenceRow read = event.row("corrupted-read");
    evidence.add(read);
    evidence.sort((left, right) -> Long.compare(left.seq(), right.seq()));
    String observed =
        event.fpuOwner < 0
            ? "an initial FPU state (" + event.value + ")"
            : event.fpuOwner == event.task ? "stale data of its own (" + event.value + ")" : "task " + event.fpuOwner + "'s FPU data (" + event.value + ")";
    String summary = "task " + event.task + " read " + observed + " instead of its own (" + event.aux + ")";
    String explanation =
        "Task " + event.task + " wrote " + event.aux + " through the FPU registers and read back " + observed
            + ": it saw another context's FPU state, the corruption the bug report's memset/memcmp test caught. "
            + (causedBy.isEmpty()
                ? "No switch with TS clear was seen before it in this trace."
                : "It follows finding " + causedBy.get(0) + ": the task ran with CR0.TS clear while the registers "
                    + "held another context, so its state was never saved or restored.");
    List<EvidenceRow> timeline =
        findings.wantsTimeline(this) ? vcpu.history(Math.max(0, windowStart), event.seq, 120) : List.of();
    if (!timeline.isEmpty()) {
      List<EvidenceRow> withRead = new ArrayList<>(timeline);
      withRead.add(read.as("timeline"));
      timeline = withRead;
    }
    findings.report(this, 95, event.vcpu, event.task, summary, explanation, evidence, causedBy, findings.fixes(ID), timeline);
  }
}
