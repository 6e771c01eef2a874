package io.trapscope.analyzer.rules;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code EVT_RING_DROP}: a control-register event not put because the Xen 4.1 ring was full. The write has
 * completed, so the event is lost for good; INT3 and violation drops are not flagged, since the instruction
 * runs again and raises them anew.
 */
public final class RingDropRule extends InjectionRule {
  public static final String ID = "EVT_RING_DROP";

  public RingDropRule() {
    super(ID, Severity.ERROR, "a control-register event was lost to a full ring");
  }

  @Override
  Set<Kind> afterKinds() {
    return Set.of(Kind.MEM_EVENT_DROP);
  }

  @Override
  void after(Event event, InjectionTracker tracker, Findings findings) {
    if (event.value < 2 || event.value > 4) {
      return;
    }
    String register = Vectors.reason(event.value);
    List<EvidenceRow> evidence = new ArrayList<>();
    EvidenceRow write = findings.wantsEvidence(this) ? tracker.lastControlWrite(event.vcpu, "cr-write") : null;
    // CR_WRITE names the register by number (0, 3, 4); the reason numbers CR0, CR3, CR4 as 2, 3, 4.
    long registerNumber = event.value == 2 ? 0 : event.value;
    if (write != null && write.aux() == registerNumber && write.value() == event.aux) {
      evidence.add(write);
    }
    evidence.add(event.row("event-dropped"));
    String summary = register + " write of " + Vectors.hex(event.aux) + " by task " + event.task + " never reported: the ring was full ("
        + tracker.ringUsed() + " requests unanswered)";
    String explanation = findings.keeps(this)
        ? "Xen 4.1's hvm_memory_event_" + register.toLowerCase(java.util.Locale.ROOT) + " runs after the write has completed. "
            + "mem_event_check_ring found fewer free slots than it keeps in reserve, so the request was not put (MEM_EVENT_DROP seq "
            + event.seq + ") and the vCPU was paused until a response frees a slot. Nothing puts the request later and the "
            + "write is not undone: the listener never learns that the " + register + " became " + Vectors.hex(event.aux)
            + ". The callers ignore the return code; Tim Deegan on the seed patch: \"You defined the hvm_memory_event_foo() "
            + "functions to return error codes but you don't handle them in the caller.\""
        : "";
    report(findings, 80, event.vcpu, event.task, summary, explanation, evidence, event.seq);
  }
}
