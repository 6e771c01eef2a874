package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.engine.Event;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code INJ_EBUSY_LOST}: an injection refused with {@code -EBUSY} (the vCPU's one slot was taken) and never
 * accepted: flagged at its {@code INJECT_ABANDON}, or at the end of the trace if it was still waiting to
 * be retried.
 */
public final class InjectionEbusyLostRule extends InjectionRule {
  public static final String ID = "INJ_EBUSY_LOST";

  public InjectionEbusyLostRule() {
    super(ID, Severity.ERROR, "an injection refused with -EBUSY was never made");
  }

  @Override
  public List<Fix> fixes(Scenario scenario) {
    return InjectionFixes.ebusy(scenario);
  }

  @Override
  protected Set<EventKind> beforeKinds() {
    return Set.of(EventKind.INJECT_ABANDON);
  }

  @Override
  protected void before(Event event, InjectionTracker tracker, Findings findings) {
    Injection injection = tracker.refused(event.aux);
    if (injection == null) {
      injection = new Injection(event.aux, (int) event.value, event.task);
    }
    flag(injection, event.row("injection-abandoned"), event.vcpu, tracker, findings);
  }

  @Override
  protected void end(InjectionTracker tracker, Findings findings) {
    for (Injection injection : tracker.refusedInjections()) {
      EvidenceRow last = injection.lastRefusal != null ? injection.lastRefusal : injection.firstRefusal;
      flag(injection, null, last == null ? 0 : last.vcpu(), tracker, findings);
    }
  }

  private void flag(Injection injection, EvidenceRow abandon, int vcpu, InjectionTracker tracker, Findings findings) {
    List<EvidenceRow> evidence = new ArrayList<>();
    if (injection.firstRefusal != null) {
      evidence.add(injection.firstRefusal);
    }
    if (injection.lastRefusal != null && injection.refusals > 1) {
      evidence.add(injection.lastRefusal);
    }
    if (abandon != null) {
      evidence.add(abandon);
    }
    String vector = Vectors.name(injection.vector);
    String refused = "refused with -EBUSY " + CollisionRule.times(Math.max(1, injection.refusals));
    String summary =
        vector + " injection (trap " + injection.trapId + ") " + refused
            + (abandon != null ? " and abandoned: the guest never got it" : "; the run ended while the listener waited to retry");
    String explanation = "";
    if (findings.keeps(this)) {
      StringBuilder text = new StringBuilder("HVMOP_inject_trap holds one injection per vCPU: while the slot is taken (inject_trap != -1) ")
          .append("every further call returns -EBUSY until the vCPU's next scheduler pass (hvm_do_resume) empties it. The listener's ").append(vector)
          .append(" for task ").append(injection.task).append(" (trap ").append(injection.trapId).append(") was ").append(refused);
      if (injection.firstRefusal != null) {
        text.append(", first at seq ").append(injection.firstRefusal.seq());
      }
      if (injection.refusedWhileSlotHeld >= 0) {
        text.append(" while the slot held trap ").append(injection.refusedWhileSlotHeld);
      }
      text.append(abandon != null
          ? ", and the listener gave up (INJECT_ABANDON seq " + abandon.seq() + "): it ignores -EBUSY, or its retries ran out."
          : ", and the run ended (" + tracker.endReason() + ") before a retry got it into the slot.");
      text.append(injection.vector == Vectors.PAGE_FAULT
          ? " The memory the agent wanted paged in was not paged in."
          : injection.vector == Vectors.BREAKPOINT ? " The guest never sees its own breakpoint." : "");
      explanation = text.toString();
    }
    long key = evidence.isEmpty() ? InjectionTracker.LAST_ROW : evidence.get(evidence.size() - 1).seq();
    report(findings, 80, vcpu, injection.task, summary, explanation, evidence, key);
  }
}
