package io.trapscope.analyzer.lazyfpu;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.engine.Event;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.model.vocabulary.EventKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code FPU_STATE_LEAK}: a task reads FPU data it did not write, another task's or an initial state. The
 * corruption the seed's memset/memcmp test detects; linked to the switch and the #NM handler that caused
 * it.
 */
public final class FpuStateLeakRule extends LazyFpuRule {
  public static final String ID = "FPU_STATE_LEAK";

  public FpuStateLeakRule() {
    super(ID, Severity.ERROR, "a task reads FPU data that it did not write");
  }

  @Override
  public Set<String> requiredColumns() {
    return Set.of("seq", "vcpu", "task", "kind", "fpu_owner", "value", "aux");
  }

  @Override
  public Set<EventKind> requiredKinds() {
    return Set.of(EventKind.FPU_READ);
  }

  @Override
  protected Set<EventKind> beforeKinds() {
    return Set.of(EventKind.FPU_READ);
  }

  @Override
  protected void before(Event event, FpuTracker tracker, Findings findings) {
    if (event.kind != EventKind.FPU_READ || (event.fpuOwner == event.task && event.value == event.aux)) {
      return;
    }
    FpuTracker.VcpuState vcpu = tracker.vcpu(event.vcpu);
    FpuTracker.TaskState task = tracker.existingTask(event.task);
    boolean linked = task != null && task.brokenSwitchFinding != 0;
    List<Long> causedBy =
        linked ? List.of(task.brokenSwitchFinding) : vcpu.lastBrokenSwitch != 0 ? List.of(vcpu.lastBrokenSwitch) : List.of();
    List<EvidenceRow> evidence = List.of();
    String summary = "";
    String explanation = "";
    List<EvidenceRow> timeline = List.of();
    if (findings.wantsEvidence(this)) {
      evidence = new ArrayList<>();
      List<EvidenceRow> cause = List.of();
      if (linked) {
        if (!task.brokenSwitchSkippedRestore) {
          cause = TsClearAtSwitchRule.cause(task.brokenSwitchTsCleared.row("ts-cleared"), task.brokenSwitchIrqEnable, task.brokenSwitchSleep);
        }
        evidence.addAll(cause);
        evidence.add(task.brokenSwitch.row("switch"));
      }
      if (task != null && task.lastWrite.present()) {
        evidence.add(task.lastWrite.row("own-write"));
      }
      if (vcpu.lastLoad.present()) {
        evidence.add(vcpu.lastLoad.row("observed-data-loaded"));
      }
      EvidenceRow read = event.row("corrupted-read");
      evidence.add(read);
      evidence.sort((left, right) -> Long.compare(left.seq(), right.seq()));
      if (findings.keeps(this)) {
        String observed =
            event.fpuOwner < 0
                ? "an initial FPU state (" + event.value + ")"
                : event.fpuOwner == event.task
                    ? "stale data of its own (" + event.value + ")"
                    : "task " + event.fpuOwner + "'s FPU data (" + event.value + ")";
        summary = "task " + event.task + " read " + observed + " instead of its own (" + event.aux + ")";
        explanation =
            "Task " + event.task + " wrote " + event.aux + " through the FPU registers and read back " + observed
                + ": it saw another context's FPU state, the corruption the bug report's memset/memcmp test caught. "
                + (causedBy.isEmpty()
                    ? "No switch with TS clear was seen before it in this trace."
                    : linked && task.brokenSwitchSkippedRestore
                        ? "It follows finding " + causedBy.get(0) + ": the switch into the task preloaded it but skipped "
                            + "its restore, because it was still the vCPU's fpu_owner_task and its last_cpu was this "
                            + "vCPU (Linux 3.x's fpu_lazy_restore), while another task had written the registers "
                            + "without trapping."
                        : "It follows finding " + causedBy.get(0) + ": the task ran with CR0.TS clear while the registers "
                            + "held another context, so its state was never saved or restored.");
        if (findings.wantsTimeline(this)) {
          long start = linked ? TsClearAtSwitchRule.windowStart(cause, task.brokenSwitch.seq()) : event.seq - 40;
          List<EvidenceRow> rows = new ArrayList<>(vcpu.history(Math.max(0, start), event.seq, 120));
          rows.add(read.as("timeline"));
          timeline = rows;
        }
      }
    }
    findings.report(this, 95, event.vcpu, event.task, summary, explanation, evidence, causedBy, timeline);
  }
}
