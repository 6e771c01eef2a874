package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code INJ_PENDING_AT_END}: a listener injection still in a vCPU's inject slot, or pending and never
 * delivered, when the run ended; not flagged when limits cut the run short (work in flight is expected then)
 * or the domain crashed.
 */
public final class InjectionPendingAtEndRule extends InjectionRule {
  public static final String ID = "INJ_PENDING_AT_END";

  public InjectionPendingAtEndRule() {
    super(ID, Severity.WARNING, "an injection was still waiting for delivery when the run ended");
  }

  @Override
  public List<Fix> fixes(Scenario scenario) {
    return InjectionFixes.answerSync(scenario);
  }

  @Override
  protected void end(InjectionTracker tracker, Findings findings) {
    if (tracker.cutShortByLimit() || tracker.endReason().equals("DOMAIN_CRASH")) {
      return;
    }
    for (VcpuInjections state : tracker.vcpus()) {
      if (state.slot != null) {
        flag(state.vcpu, state.slot, null, "still in the inject slot: no scheduler pass of vCPU " + state.vcpu + " took it", tracker, findings);
      }
      if (state.pending != null && state.pending.origin == PendingEvent.Origin.LISTENER && state.pending.injection != null) {
        flag(state.vcpu, state.pending.injection, state.pending, "pending on vCPU " + state.vcpu + ", never delivered", tracker, findings);
      }
    }
  }

  private void flag(
      int vcpu, Injection injection, PendingEvent pending, String where, InjectionTracker tracker, Findings findings) {
    List<EvidenceRow> evidence = new ArrayList<>();
    if (injection.firstRefusal != null) {
      evidence.add(injection.firstRefusal);
    }
    if (injection.request != null) {
      evidence.add(injection.request);
    }
    if (injection.entry != null) {
      evidence.add(injection.entry);
    }
    if (pending != null && pending.deliveryFault != null) {
      evidence.add(pending.deliveryFault);
    }
    String summary = Vectors.name(injection.vector) + " injection (trap " + injection.trapId + ") " + where + " when the run ended ("
        + tracker.endReason() + ")";
    String explanation = findings.keeps(this)
        ? "The listener's " + Vectors.name(injection.vector) + " for task " + injection.task + " was accepted"
            + (injection.request != null ? " at seq " + injection.request.seq() : "")
            + " but the guest never received it: the run ended (" + tracker.endReason() + ") with it " + where
            + ". A vCPU left paused (an unanswered sync request, a domain that paused itself) or a run that died of another "
            + "fault keeps its injection forever."
        : "";
    // The timeline is the vCPU's last events: how it came to stop with the injection in hand.
    report(findings, 60, vcpu, injection.task, summary, explanation, evidence, InjectionTracker.LAST_ROW);
  }
}
