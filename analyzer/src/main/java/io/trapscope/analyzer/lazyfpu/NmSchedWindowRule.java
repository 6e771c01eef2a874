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
 * {@code NM_SCHED_WINDOW}: an #NM handler enables interrupts or sleeps, and another task runs, while
 * CR0.TS is clear: the window through which the leak happens.
 */
public final class NmSchedWindowRule extends LazyFpuRule {
  public static final String ID = "NM_SCHED_WINDOW";

  public NmSchedWindowRule() {
    super(ID, Severity.WARNING, "an #NM handler lets another task run while CR0.TS is clear");
  }

  @Override
  public Set<String> requiredColumns() {
    return Set.of("seq", "vcpu", "task", "kind", "ts", "value");
  }

  @Override
  public Set<EventKind> requiredKinds() {
    return Set.of(EventKind.TASK_SWITCH);
  }

  @Override
  protected Set<EventKind> afterKinds() {
    return Set.of(EventKind.TASK_SWITCH);
  }

  @Override
  protected void after(Event event, FpuTracker tracker, Findings findings) {
    if (event.kind != EventKind.TASK_SWITCH || event.ts || event.value < 0 || event.value == event.task) {
      return;
    }
    int outgoing = (int) event.value;
    FpuTracker.TaskState handler = tracker.existingTask(outgoing);
    if (handler == null || handler.handlerDepth == 0 || handler.schedWindowFinding != 0) {
      return;
    }
    List<EvidenceRow> evidence = List.of();
    String summary = "";
    String explanation = "";
    List<EvidenceRow> timeline = List.of();
    if (findings.wantsEvidence(this)) {
      evidence = new ArrayList<>();
      if (handler.handlerEntry != null) {
        evidence.add(handler.handlerEntry);
      }
      if (handler.handlerIrqEnable != null) {
        evidence.add(handler.handlerIrqEnable);
      }
      if (handler.handlerSleep != null) {
        evidence.add(handler.handlerSleep);
      }
      evidence.add(event.row("switch"));
      if (findings.keeps(this)) {
        String next = event.task < 0 ? "the vCPU went idle" : "task " + event.task + " ran";
        String how = handler.handlerSleep != null ? "slept in its FPU-area allocation" : "gave up the CPU";
        summary = "task " + outgoing + "'s #NM handler " + how + " with CR0.TS clear and " + next;
        String entry =
            handler.handlerEntry != null && !handler.handlerEntry.ts()
                ? "The handler started with TS already clear: under the Xen PV ABI, Xen clears the guest's TS before delivering #NM. "
                : "";
        explanation =
            entry + "Task " + outgoing + "'s #NM handler enabled interrupts to allocate its FPU area and the allocation slept, "
                + "before the handler had marked the task as holding the FPU. The context switch away from it therefore "
                + "did not set TS, and " + next + " with TS clear: any FPU user now runs without trapping.";
        if (findings.wantsTimeline(this) && handler.handlerEntry != null) {
          timeline = tracker.vcpu(event.vcpu).history(handler.handlerEntry.seq() - 1, event.seq, 60);
        }
      }
    }
    handler.schedWindowFinding =
        findings.report(this, 60, event.vcpu, outgoing, summary, explanation, evidence, List.of(), timeline);
  }
}
