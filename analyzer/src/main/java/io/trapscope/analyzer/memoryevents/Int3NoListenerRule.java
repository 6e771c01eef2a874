package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.engine.Event;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.analyzer.engine.RuleEngine;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Vectors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code INT3_NO_LISTENER}: with INT3 capture on and no listener holding the ring, Xen 4.2's {@code
 * hvm_memory_event_traps} finds no ring and returns 1, "continue executing normally": nothing is sent,
 * nothing injected, RIP stays on the INT3 (4.2.0 hvm.c:4388-4394), and the task executes it for ever. One
 * finding per task and INT3, at its {@link #REPEATS_REPORTED}th execution with no request and no #BP in between.
 */
public final class Int3NoListenerRule extends InjectionRule {
  public static final String ID = "INT3_NO_LISTENER";
  /** Executions of one INT3 in a row, with no request and no delivery, that make the loop certain. */
  static final int REPEATS_REPORTED = 3;

  /** Per task, its last INT3 and how often it ran in a row; one entry per live task at most. */
  private final Map<Integer, Repeat> repeats = new HashMap<>();

  public Int3NoListenerRule() {
    super(ID, Severity.ERROR, "an INT3 repeats for ever because no listener holds the ring");
  }

  @Override
  public List<Fix> fixes(Scenario scenario) {
    return InjectionFixes.int3WithoutListener(scenario);
  }

  /** One task's run of the same INT3. */
  private static final class Repeat {
    EvidenceRow first;
    long address;
    long count;
    boolean reported;
  }

  @Override
  protected Set<EventKind> afterKinds() {
    return Set.of(EventKind.BREAKPOINT, EventKind.MEM_EVENT_PUT, EventKind.MEM_EVENT_DROP, EventKind.TRAP_DELIVER, EventKind.TASK_EXIT);
  }

  @Override
  protected void after(Event event, InjectionTracker tracker, Findings findings) {
    if (event.kind == EventKind.TASK_EXIT) {
      repeats.remove(event.task);
      return;
    }
    Repeat repeat = repeats.get(event.task);
    if (event.kind != EventKind.BREAKPOINT) {
      // The INT3 was sent, dropped or delivered as a #BP: the run of repeats is broken. An interrupt
      // delivered in between is not the INT3's.
      if (repeat != null && (event.kind != EventKind.TRAP_DELIVER || event.value == Vectors.BREAKPOINT)) {
        repeat.count = 0;
      }
      return;
    }
    if (repeat == null || repeat.address != event.value) {
      if (repeat == null && repeats.size() >= RuleEngine.LIVE_TASKS_MAX) {
        throw new IllegalStateException("more than " + RuleEngine.LIVE_TASKS_MAX + " live tasks");
      }
      repeat = new Repeat();
      repeat.address = event.value;
      repeats.put(event.task, repeat);
    }
    if (repeat.count == 0) {
      repeat.first = event.row("breakpoint");
    }
    repeat.count++;
    if (repeat.count < REPEATS_REPORTED || repeat.reported) {
      return;
    }
    repeat.reported = true;
    List<EvidenceRow> evidence = findings.wantsEvidence(this) ? List.of(repeat.first, event.row("breakpoint-again")) : List.of();
    String summary = "";
    String explanation = "";
    if (findings.keeps(this)) {
      summary = "task " + event.task + " executed the INT3 at " + Vectors.hex(event.value) + " " + repeat.count
          + " times in a row: INT3 capture is on and no listener holds the ring";
      explanation = "INT3 capture is on (HVM_PARAM_MEMORY_EVENT_INT3), but no listener holds the ring, so Xen 4.2's "
          + "hvm_memory_event_traps finds no ring (mem_event_claim_slot returns -ENOSYS) and returns 1, \"continue executing "
          + "normally\": it sends nothing, injects nothing, and leaves RIP on the INT3 (4.2.0 hvm.c:4388-4394, vmx.c:2445-2446). "
          + "The task executes the same INT3 again at every step, for ever. Xen 4.1 and 4.9 re-inject the #BP instead.";
    }
    report(findings, 90, event.vcpu, event.task, summary, explanation, evidence, event.seq);
  }
}
