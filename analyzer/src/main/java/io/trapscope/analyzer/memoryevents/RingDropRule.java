package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.engine.Event;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.Code;
import io.trapscope.model.vocabulary.ControlRegister;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.MemoryEventReason;
import io.trapscope.model.vocabulary.Vectors;
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
  public List<Fix> fixes(Scenario scenario) {
    return InjectionFixes.ringDrop(scenario);
  }

  @Override
  protected Set<EventKind> afterKinds() {
    return Set.of(EventKind.MEM_EVENT_DROP);
  }

  @Override
  protected void after(Event event, InjectionTracker tracker, Findings findings) {
    MemoryEventReason reason = Code.of(MemoryEventReason.class, event.value);
    ControlRegister register = reason == null ? null : reason.register();
    if (register == null) {
      return;
    }
    String registerName = register.label();
    List<EvidenceRow> evidence = new ArrayList<>();
    EvidenceRow write = findings.wantsEvidence(this) ? tracker.lastControlWrite(event.vcpu, "cr-write") : null;
    if (write != null && write.aux() == register.code() && write.value() == event.aux) {
      evidence.add(write);
    }
    evidence.add(event.row("event-dropped"));
    String summary = registerName + " write of " + Vectors.hex(event.aux) + " by task " + event.task + " never reported: the ring was full ("
        + tracker.ringUsed() + " requests unanswered)";
    String explanation = findings.keeps(this)
        ? "Xen 4.1's hvm_memory_event_" + registerName.toLowerCase(java.util.Locale.ROOT) + " runs after the write has completed. "
            + "mem_event_check_ring found fewer free slots than it keeps in reserve, so the request was not put (MEM_EVENT_DROP seq "
            + event.seq + ") and the vCPU was paused until a response frees a slot. Nothing puts the request later and the "
            + "write is not undone: the listener never learns that the " + registerName + " became " + Vectors.hex(event.aux)
            + ". The callers ignore the return code; Tim Deegan on the seed patch: \"You defined the hvm_memory_event_foo() "
            + "functions to return error codes but you don't handle them in the caller.\""
        : "";
    report(findings, 80, event.vcpu, event.task, summary, explanation, evidence, event.seq);
  }
}
