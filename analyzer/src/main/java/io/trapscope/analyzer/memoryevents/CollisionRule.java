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
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What the VM-entry collision rules share: at a schedule-in {@code hvm_do_resume} takes the listener's
 * injection out of its slot while another event is still pending (its delivery faulted), and one of them is
 * lost, or both become a double or triple fault. The finding tells where the pending event came from and
 * how the injection got into the slot, and waits a few events so that its timeline shows what followed.
 */
abstract class CollisionRule extends InjectionRule {
  static final String TIM_DEEGAN =
      "Tim Deegan, reviewing the seed patch: \"What if the guest already has a trap pending for some reason? This could "
          + "turn it into a double-fault, which is probably not what the caller wanted.\"";

  CollisionRule(String id, String title) {
    super(id, Severity.ERROR, title);
  }

  @Override
  public List<Fix> fixes(Scenario scenario) {
    return InjectionFixes.collision(scenario);
  }

  /** One collision, waiting for the events after it. */
  final class Collision extends DeferredFinding {
    final EvidenceRow row;
    final int pendingVector;
    final int injectedVector;
    final PendingEvent pending;
    final Injection injection;
    EvidenceRow delivered;
    EvidenceRow panic;
    EvidenceRow shutdown;
    EvidenceRow vmEntryFailure;
    EvidenceRow crash;

    /** "#BP (trap 387)", or just "#BP" when the trace did not show the injection's request. */
    String injectedName() {
      return Vectors.name(injectedVector) + (injection == null ? "" : " (trap " + injection.trapId + ")");
    }

    Collision(Event event, PendingEvent pending, Injection injection) {
      super(event.vcpu);
      this.row = event.row("collision");
      this.pendingVector = pendingVector(event);
      this.injectedVector = injectedVector(event);
      this.pending = pending;
      this.injection = injection;
    }

    @Override
    void observe(Event event) {
      if (event.kind == EventKind.TRAP_DELIVER && delivered == null) {
        delivered = event.row("delivered-next");
      } else if (event.kind == EventKind.GUEST_PANIC && panic == null) {
        panic = event.row("guest-panic");
      } else if (event.kind == EventKind.DOMAIN_SHUTDOWN && shutdown == null) {
        shutdown = event.row("domain-shutdown");
      } else if (event.kind == EventKind.VMENTRY_FAIL && vmEntryFailure == null) {
        vmEntryFailure = event.row("vmentry-failure");
      } else if (event.kind == EventKind.DOMAIN_CRASH && crash == null) {
        crash = event.row("domain-crash");
      }
    }

    @Override
    void report(Findings findings) {
      CollisionRule rule = CollisionRule.this;
      if (!rule.reportable(this)) {
        return;
      }
      boolean kept = findings.keeps(rule);
      String summary = kept ? summary(this) : "";
      String explanation = kept ? explanation(this) : "";
      List<EvidenceRow> evidence = findings.wantsEvidence(rule) ? evidence() : List.of(row);
      rule.report(findings, score(this), vcpu, row.task(), summary, explanation, evidence, row.seq());
    }

    private List<EvidenceRow> evidence() {
      List<EvidenceRow> rows = new ArrayList<>();
      if (pending != null) {
        if (pending.injection != null) {
          addAs(rows, pending.injection.request, "pending-request");
          addAs(rows, pending.injection.entry, "pending-entry");
        } else {
          addAs(rows, pending.since, pending.origin == PendingEvent.Origin.DOUBLE_FAULT ? "pending-double-fault" : "pending-raised");
        }
        addAs(rows, pending.deliveryFault, "delivery-fault");
        addAs(rows, pending.violationRequest, "violation-request");
      }
      if (injection != null) {
        addAs(rows, injection.firstRefusal, "injection-refused");
        addAs(rows, injection.request, "injection-request");
        addAs(rows, injection.entry, "injection-entry");
      }
      rows.add(row);
      addAs(rows, delivered, "delivered-next");
      addAs(rows, panic, "guest-panic");
      addAs(rows, shutdown, "domain-shutdown");
      addAs(rows, vmEntryFailure, "vmentry-failure");
      addAs(rows, crash, "domain-crash");
      rows.sort(Comparator.comparingLong(EvidenceRow::seq));
      return rows;
    }

    /** "the pending #PF (trap 382, injected by the listener): ...; delivering it faulted ...". */
    String pendingStory() {
      StringBuilder text = new StringBuilder();
      String vector = Vectors.name(pendingVector);
      if (pending == null) {
        return "a " + vector + " was pending";
      }
      switch (pending.origin) {
        case LISTENER:
          Injection earlier = pending.injection;
          text.append("the pending ").append(vector).append(" had been injected by the listener too");
          if (earlier != null) {
            text.append(" (trap ").append(earlier.trapId);
            if (earlier.request != null) {
              text.append(", accepted at seq ").append(earlier.request.seq());
              if (earlier.refusals > 0) {
                text.append(" after ").append(times(earlier.refusals)).append(" -EBUSY");
              }
            }
            if (earlier.entry != null) {
              text.append(", taken into the VM entry at seq ").append(earlier.entry.seq());
            }
            text.append(')');
          }
          break;
        case INTERRUPT:
          text.append("the pending event was ").append(vector).append(", from the virtual LAPIC");
          appendSince(text, "raised");
          break;
        case BREAKPOINT:
          text.append("the pending event was the #BP of the guest's own INT3");
          appendSince(text, "executed");
          break;
        case DOUBLE_FAULT:
          text.append("the pending event was a #DF that Xen had made from two exceptions");
          appendSince(text, "DOUBLE_FAULT");
          break;
        default:
          text.append("the pending ").append(vector).append(" had been raised by the CPU");
          appendSince(text, "TRAP_RAISE");
          break;
      }
      if (pending.deliveryFault != null) {
        text.append("; delivering it faulted on the kernel stack page (DELIVERY_FAULT seq ").append(pending.deliveryFault.seq());
        if (pending.deliveryFaults > 1) {
          text.append(", its ").append(ordinal(pending.deliveryFaults)).append(" delivery fault");
        }
        text.append("), so it stayed pending");
        if (pending.violationRequest != null) {
          boolean dropped = pending.violationRequest.kind().equals("MEM_EVENT_DROP");
          text.append(dropped ? ", and the violation request for the write-protected stack found the ring full (MEM_EVENT_DROP seq "
                  : ", and since the listener write-protects the stack, a violation request went to the listener (MEM_EVENT_PUT seq ")
              .append(pending.violationRequest.seq())
              .append(") while the vCPU waited");
        } else if (pending.deliveryFault.aux() == 0) {
          text.append(" while Xen resolved the fault itself");
        }
      }
      return text.toString();
    }

    private void appendSince(StringBuilder text, String what) {
      if (pending.since != null) {
        text.append(" (").append(what).append(" at seq ").append(pending.since.seq()).append(')');
      }
    }

    /** "the listener's #BP (trap 387, for task 0's INT3 at 0x401000), refused ..., taken ... (seq 1794)". */
    String injectionStory() {
      String vector = Vectors.name(injectedVector);
      if (injection == null) {
        return "an injected " + vector;
      }
      StringBuilder text = new StringBuilder("the listener's ").append(vector).append(" (trap ").append(injection.trapId);
      if (injection.breakpoint != null) {
        text.append(", re-injecting task ").append(injection.breakpoint.task()).append("'s INT3 at ").append(Vectors.hex(injection.breakpoint.value()));
      } else if (injectedVector == Vectors.PAGE_FAULT) {
        text.append(", to page in memory for task ").append(injection.task);
      }
      text.append(')');
      if (injection.refusals > 0 && injection.firstRefusal != null) {
        text.append(", first refused with -EBUSY at seq ").append(injection.firstRefusal.seq());
        if (injection.refusedWhileSlotHeld >= 0) {
          text.append(" because the slot still held trap ").append(injection.refusedWhileSlotHeld);
        }
        if (injection.refusals > 1) {
          text.append(" (").append(times(injection.refusals)).append(" in all)");
        }
        text.append(" and accepted on a retry");
        if (injection.request != null) {
          text.append(" at seq ").append(injection.request.seq());
        }
      } else if (injection.request != null) {
        text.append(", accepted at seq ").append(injection.request.seq());
      }
      if (injection.entry != null) {
        text.append(", was taken out of the slot at the vCPU's next scheduler pass (INJECT_ENTRY seq ").append(injection.entry.seq()).append(')');
      }
      return text.toString();
    }
  }

  static void addAs(List<EvidenceRow> rows, EvidenceRow row, String role) {
    if (row != null) {
      rows.add(row.as(role));
    }
  }

  static String times(int count) {
    return count == 1 ? "once" : count + " times";
  }

  private static String ordinal(int count) {
    return count == 2 ? "second" : count == 3 ? "third" : count + "th";
  }

  /** The kind of row that records this collision. */
  abstract EventKind collisionKind();

  /** The pending vector, as the collision row records it. */
  int pendingVector(Event event) {
    return (int) event.value;
  }

  /** The injected vector, as the collision row records it. */
  int injectedVector(Event event) {
    return (int) event.aux;
  }

  /** Whether the collision is this rule's to report, now that the events after it are known. */
  boolean reportable(Collision collision) {
    return true;
  }

  abstract int score(Collision collision);

  abstract String summary(Collision collision);

  /** What became of the two events, after the stories of both. */
  abstract String outcome(Collision collision);

  /** Whether Tim Deegan's review of the seed patch foretold it. */
  boolean foretoldInReview() {
    return true;
  }

  @Override
  protected Set<EventKind> beforeKinds() {
    return Set.of(collisionKind());
  }

  @Override
  protected void before(Event event, InjectionTracker tracker, Findings findings) {
    VcpuInjections state = tracker.vcpu(event.vcpu);
    tracker.defer(new Collision(event, state.pending, state.entering));
  }

  String explanation(Collision collision) {
    String text =
        capitalise(collision.injectionStory()) + ". But " + collision.pendingStory() + ". " + outcome(collision) + " "
            + (foretoldInReview() ? TIM_DEEGAN : "");
    return text.strip();
  }

  static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
