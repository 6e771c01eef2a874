package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.Fix;
import io.trapscope.analyzer.Severity;
import io.trapscope.analyzer.engine.Event;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.Code;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.HvmParameter;
import io.trapscope.model.vocabulary.PauseReason;
import io.trapscope.model.vocabulary.ReturnCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code PARAM_SELF_SET}: a guest task set a memory-event parameter on its own domain. Scored 100 when Xen
 * then paused the domain from inside it (every vCPU waits for itself), 90 when Xen accepted it, 50 when it
 * refused. The open finding waits for the pauses that refer to it, until the next {@code PARAM_SET}.
 */
public final class ParamSelfSetRule extends InjectionRule {
  public static final String ID = "PARAM_SELF_SET";

  private EvidenceRow open;
  private EvidenceRow firstPause;
  private int pauses;

  public ParamSelfSetRule() {
    super(ID, Severity.ERROR, "a guest set a memory-event parameter on its own domain");
  }

  @Override
  public List<Fix> fixes(Scenario scenario) {
    return InjectionFixes.selfParameter(scenario);
  }

  @Override
  protected Set<EventKind> afterKinds() {
    return Set.of(EventKind.PARAM_SET, EventKind.VCPU_PAUSE);
  }

  @Override
  protected void after(Event event, InjectionTracker tracker, Findings findings) {
    if (event.kind == EventKind.VCPU_PAUSE) {
      if (open != null && event.value == PauseReason.DOMAIN_SELF.code() && event.aux == open.seq()) {
        pauses++;
        if (firstPause == null) {
          firstPause = event.row("domain-paused");
        }
      }
      return;
    }
    close(findings);
    if (event.task >= 0) {
      open = event.row("param-set");
    }
  }

  @Override
  protected void end(InjectionTracker tracker, Findings findings) {
    close(findings);
  }

  private void close(Findings findings) {
    if (open == null) {
      return;
    }
    EvidenceRow set = open;
    open = null;
    List<EvidenceRow> evidence = new ArrayList<>();
    evidence.add(set);
    if (firstPause != null) {
      evidence.add(firstPause);
    }
    long rc = set.aux();
    int score = pauses > 0 ? 100 : rc == 0 ? 90 : 50;
    String parameter = Code.label(HvmParameter.class, set.value(), "parameter");
    String answer = rc == 0 ? "Xen accepted it" : "Xen refused it (" + Code.label(ReturnCode.class, rc, "rc") + ")";
    String summary = "task " + set.task() + " set " + parameter + " on its own domain: " + answer
        + (pauses > 0 ? " and paused the domain from inside it (" + pauses + (pauses == 1 ? " vCPU" : " vCPUs") + " paused for good)" : "");
    String explanation = "";
    if (findings.keeps(this)) {
      StringBuilder text = new StringBuilder("HVMOP_set_param with a memory-event parameter came from a task of the guest itself (PARAM_SET seq ")
          .append(set.seq()).append("), not from the control domain. ");
      if (pauses > 0) {
        text.append("Xen 4.1 takes it and latches the INT3 setting with domain_pause() on the caller's own domain: the calling vCPU ")
            .append("waits in vcpu_sleep_sync for itself to stop running, which never happens (VCPU_PAUSE reason 5, first at seq ")
            .append(firstPause.seq()).append("). The domain deadlocks. ");
      } else if (rc == 0) {
        text.append("Xen took it: a guest can change what its own introspection agent is told. ");
      } else {
        text.append("Xen refused it, as it should; the attempt itself is worth knowing about. ");
      }
      text.append("Tim Deegan on the seed patch: \"You need to make sure a VM can't set this param on itself, or else this ")
          .append("domain_pause() can deadlock Xen.\"");
      explanation = text.toString();
    }
    report(findings, score, set.vcpu(), set.task(), summary, explanation, evidence, set.seq());
    firstPause = null;
    pauses = 0;
  }
}
