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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code INT3_NO_ADVANCE}: the listener re-injected a guest's INT3 as #BP without an instruction length (a
 * hardware exception, or length 0), so delivery left RIP on the INT3 and the task executes it again. One
 * finding per task and INT3 address, with the number of repeats; at most one open chain per live task.
 */
public final class Int3NoAdvanceRule extends InjectionRule {
  public static final String ID = "INT3_NO_ADVANCE";

  private final Map<Integer, Chain> open = new HashMap<>();

  public Int3NoAdvanceRule() {
    super(ID, Severity.ERROR, "a re-injected INT3 did not move RIP, so the task executes it again");
  }

  @Override
  public List<Fix> fixes(Scenario scenario) {
    return InjectionFixes.int3Length(scenario);
  }

  /** The no-advance deliveries of one task at one INT3. */
  private static final class Chain {
    final int task;
    final int vcpu;
    final EvidenceRow breakpoint;
    final long address;
    final EvidenceRow request;
    final EvidenceRow firstDelivery;
    EvidenceRow repeat;
    EvidenceRow lastDelivery;
    long deliveries;
    List<EvidenceRow> timeline = List.of();
    List<io.trapscope.analyzer.TimelineState> timelineStates = List.of();

    Chain(int task, int vcpu, EvidenceRow breakpoint, EvidenceRow request, EvidenceRow firstDelivery) {
      this.task = task;
      this.vcpu = vcpu;
      this.breakpoint = breakpoint;
      this.address = breakpoint == null ? Long.MIN_VALUE : breakpoint.value();
      this.request = request;
      this.firstDelivery = firstDelivery;
      this.lastDelivery = firstDelivery;
      this.deliveries = 1;
    }
  }

  @Override
  protected Set<EventKind> beforeKinds() {
    return Set.of(EventKind.TRAP_DELIVER, EventKind.BREAKPOINT, EventKind.TASK_EXIT);
  }

  @Override
  protected void before(Event event, InjectionTracker tracker, Findings findings) {
    switch (event.kind) {
      case TRAP_DELIVER:
        PendingEvent pending = tracker.vcpu(event.vcpu).pending;
        if (event.value == Vectors.BREAKPOINT && event.aux == 0 && pending != null && pending.origin == PendingEvent.Origin.LISTENER) {
          delivered(event, pending.injection, tracker, findings);
        }
        break;
      case BREAKPOINT:
        Chain chain = open.get(event.task);
        if (chain != null) {
          if (event.value == chain.address) {
            if (chain.repeat == null) {
              chain.repeat = event.row("int3-again");
            }
          } else {
            close(open.remove(event.task), findings);
          }
        }
        break;
      default:
        Chain exited = open.remove(event.task);
        if (exited != null) {
          close(exited, findings);
        }
        break;
    }
  }

  private void delivered(Event event, Injection injection, InjectionTracker tracker, Findings findings) {
    int task = injection != null ? injection.task : event.task;
    EvidenceRow breakpoint = tracker.lastBreakpoint(task);
    long address = breakpoint == null ? Long.MIN_VALUE : breakpoint.value();
    Chain chain = open.get(task);
    if (chain != null && chain.address == address) {
      chain.deliveries++;
      chain.lastDelivery = event.row("last-delivery");
      return;
    }
    if (chain != null) {
      close(open.remove(task), findings);
    }
    if (open.size() >= RuleEngine.LIVE_TASKS_MAX) {
      throw new IllegalStateException("more than " + RuleEngine.LIVE_TASKS_MAX + " live tasks");
    }
    chain = new Chain(
        task, event.vcpu, breakpoint == null ? null : breakpoint.as("int3"), injection == null ? null : injection.request,
        event.row("delivery-without-advance"));
    if (findings.wantsTimeline(this)) {
      // The window around the first delivery; by the time the chain closes the history has moved on.
      chain.timeline = tracker.timeline(event.vcpu, event.seq);
      chain.timelineStates = tracker.timelineStates(event.vcpu, event.seq);
    }
    open.put(task, chain);
  }

  @Override
  protected void end(InjectionTracker tracker, Findings findings) {
    List<Integer> tasks = new ArrayList<>(open.keySet());
    tasks.sort(null);
    for (Integer task : tasks) {
      close(open.remove(task), findings);
    }
  }

  private void close(Chain chain, Findings findings) {
    List<EvidenceRow> evidence = new ArrayList<>();
    for (EvidenceRow row : new EvidenceRow[] {chain.breakpoint, chain.request, chain.firstDelivery, chain.repeat}) {
      if (row != null) {
        evidence.add(row);
      }
    }
    if (chain.deliveries > 1) {
      evidence.add(chain.lastDelivery.as("last-delivery"));
    }
    evidence.sort(java.util.Comparator.comparingLong(EvidenceRow::seq));
    String address = chain.breakpoint == null ? "an unknown address" : Vectors.hex(chain.address);
    String summary = "task " + chain.task + "'s INT3 at " + address + " re-injected as #BP without moving RIP ("
        + (chain.deliveries == 1 ? "1 delivery" : chain.deliveries + " deliveries") + "): the task executes the same INT3 again";
    String explanation = findings.keeps(this)
        ? "The listener re-injected task " + chain.task + "'s INT3 as #BP"
            + (chain.request != null ? " (INJECT_REQUEST seq " + chain.request.seq() + ")" : "")
            + " with no instruction length: a hardware exception (HVMOP_TRAP_hw_exc) or a software one with insn_len 0. Its "
            + "delivery (TRAP_DELIVER seq " + chain.firstDelivery.seq() + ", aux 0) left RIP on the INT3 itself, so when the guest's "
            + "#BP handler returns the task executes the same INT3 again, Xen sends another request and the listener re-injects it "
            + "the same way: " + chain.deliveries + (chain.deliveries == 1 ? " delivery" : " deliveries")
            + " at this address by the time the chain ended, and the task makes no progress. An INT3 (0xCC) is a software "
            + "exception of length 1."
        : "";
    findings.report(this, 90, chain.vcpu, chain.task, summary, explanation, evidence, List.of(), chain.timeline, chain.timelineStates);
  }
}
