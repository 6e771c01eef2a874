package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.engine.Event;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.VmEntryFailure;
import io.trapscope.model.vocabulary.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code INJ_VMENTRY_FAILURE}: the processor refused a VM entry that Xen built from an injection, and Xen
 * crashed the domain ({@code vm_resume_fail} → {@code domain_crash_synchronous}, 4.1.0 vmcs.c:1037). Either
 * a software-typed injection met a pending exception and the combination, which keeps the injection's type
 * (4.1.0 vmx.c:1259-1289), made a software exception with an error code; or a software exception of
 * length 0 met a CPU that does not allow one. The guest sees nothing: no #DF, no panic.
 */
public final class InjectionVmEntryFailureRule extends CollisionRule {
  public static final String ID = "INJ_VMENTRY_FAILURE";

  public InjectionVmEntryFailureRule() {
    super(ID, "Xen built a VM entry from an injection that the processor refused, and crashed the domain");
  }

  @Override
  public List<Fix> fixes(Scenario scenario) {
    return InjectionFixes.vmEntryFailure(scenario);
  }

  @Override
  EventKind collisionKind() {
    return EventKind.DOUBLE_FAULT;
  }

  @Override
  protected Set<EventKind> beforeKinds() {
    return Set.of(EventKind.DOUBLE_FAULT, EventKind.VMENTRY_FAIL);
  }

  @Override
  protected void before(Event event, InjectionTracker tracker, Findings findings) {
    if (event.kind == EventKind.DOUBLE_FAULT) {
      super.before(event, tracker, findings);
    } else if (event.aux == VmEntryFailure.ZERO_LENGTH_SOFTWARE_EXCEPTION.code()) {
      zeroLength(event, tracker, findings);
    }
  }

  /** A combined #DF is this rule's only when its VM entry failed; otherwise INJ_DOUBLE_FAULT has it. */
  @Override
  boolean reportable(Collision collision) {
    return collision.vmEntryFailure != null;
  }

  @Override
  int score(Collision collision) {
    return 100;
  }

  @Override
  String summary(Collision collision) {
    return "injected " + collision.injectedName() + " met a pending " + Vectors.name(collision.pendingVector)
        + ": Xen made a software-typed #DF, the VM entry failed and Xen crashed the domain";
  }

  @Override
  String outcome(Collision collision) {
    String pending = Vectors.name(collision.pendingVector);
    String injected = Vectors.name(collision.injectedVector);
    StringBuilder text = new StringBuilder("hvm_do_resume injected the ").append(injected)
        .append(" without checking for the pending event. vmx_inject_hw_exception had typed it a software exception, and "
            + "hvm_combine_hw_exceptions changed only the vector and the error code: ")
        .append(pending).append(" + ").append(injected).append(" became vector 8, a software exception with an error code (DOUBLE_FAULT seq ")
        .append(collision.row.seq()).append("). The processor's VM-entry checks refuse that");
    if (collision.vmEntryFailure != null) {
      text.append(" (VMENTRY_FAIL seq ").append(collision.vmEntryFailure.seq()).append(')');
    }
    text.append(", and Xen's vm_resume_fail crashed the domain with domain_crash_synchronous");
    if (collision.crash != null) {
      text.append(" (DOMAIN_CRASH seq ").append(collision.crash.seq()).append(')');
    }
    return text.append(". The guest never saw a double fault: it did not panic, Xen killed it.").toString();
  }

  /** A software exception of length 0 where the CPU forbids it: no collision, the injection alone. */
  private void zeroLength(Event event, InjectionTracker tracker, Findings findings) {
    List<EvidenceRow> evidence = new ArrayList<>();
    String summary = "";
    String explanation = "";
    if (findings.wantsEvidence(this)) {
      PendingEvent pending = tracker.vcpu(event.vcpu).pending;
      Injection injection = pending == null ? null : pending.injection;
      if (injection != null) {
        addAs(evidence, injection.request, "injection-request");
        addAs(evidence, injection.entry, "injection-entry");
      }
      evidence.add(event.row("vmentry-failure"));
    }
    if (findings.keeps(this)) {
      summary = "injected " + Vectors.name(event.value) + " as a software exception of length 0: this CPU refuses the VM entry and Xen crashed the domain";
      explanation = "The listener injected a software exception with instruction length 0. The SDM asks for a length of 1 to 15 "
          + "unless IA32_VMX_MISC bit 30 allows 0, and this CPU's does not (machine.vmxZeroLengthInjection): the VM entry failed "
          + "(VMENTRY_FAIL seq " + event.seq + ") and Xen's vm_resume_fail crashed the domain. Where the CPU allows it, the same "
          + "injection leaves RIP on the INT3, which then repeats for ever (INT3_NO_ADVANCE).";
    }
    report(findings, 100, event.vcpu, event.task, summary, explanation, evidence, event.seq);
  }
}
