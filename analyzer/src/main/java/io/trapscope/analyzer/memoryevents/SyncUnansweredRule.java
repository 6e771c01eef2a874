package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.Code;
import io.trapscope.model.vocabulary.MemoryEventReason;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code EVT_SYNC_UNANSWERED}: a request that paused its vCPU ({@code MEM_EVENT_FLAG_VCPU_PAUSED}) never
 * got a response, and the run ended in a deadlock; in any other run the request may just have been in flight.
 */
public final class SyncUnansweredRule extends InjectionRule {
  public static final String ID = "EVT_SYNC_UNANSWERED";

  public SyncUnansweredRule() {
    super(ID, Severity.ERROR, "a sync request was never answered and its vCPU stayed paused");
  }

  @Override
  public List<Fix> fixes(Scenario scenario) {
    return InjectionFixes.answerSync(scenario);
  }

  @Override
  protected void end(InjectionTracker tracker, Findings findings) {
    if (!tracker.endReason().equals("DEADLOCK")) {
      return;
    }
    for (SyncRequest request : tracker.unansweredSyncRequests()) {
      List<EvidenceRow> evidence = new ArrayList<>();
      if (request.cause != null) {
        evidence.add(request.cause.as("request-cause"));
      }
      if (request.put != null) {
        evidence.add(request.put);
      }
      evidence.add(request.pause);
      String what = request.put != null ? Code.label(MemoryEventReason.class, request.put.value(), "reason") + " request" : "request";
      long putSeq = request.pause.aux();
      int vcpu = request.pause.vcpu();
      String summary = "sync " + what + " (put at seq " + putSeq + ") never answered: vCPU " + vcpu + " stayed paused and the run deadlocked";
      String explanation = findings.keeps(this)
          ? "Xen put the " + what + (request.cause != null ? " raised by " + request.cause.kind() + " at seq " + request.cause.seq() : "")
              + " on the ring with MEM_EVENT_FLAG_VCPU_PAUSED and paused vCPU " + vcpu + " (VCPU_PAUSE seq " + request.pause.seq()
              + ") until the listener answers. No MEM_EVENT_RESPONSE for seq " + putSeq + " ever came: the vCPU stayed paused, its "
              + "ring slot stayed taken, and with nothing else able to run the run ended in a deadlock. An injection the listener "
              + "made for that vCPU is never delivered either."
          : "";
      report(findings, 90, vcpu, request.pause.task(), summary, explanation, evidence, request.pause.seq());
    }
  }
}
