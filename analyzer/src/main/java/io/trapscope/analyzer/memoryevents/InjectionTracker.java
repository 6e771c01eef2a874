package io.trapscope.analyzer.memoryevents;

import io.trapscope.model.vocabulary.EndReason;

import io.trapscope.model.vocabulary.TrapType;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.TimelineState;
import io.trapscope.analyzer.engine.Event;
import io.trapscope.analyzer.engine.Findings;
import io.trapscope.analyzer.engine.RuleEngine;
import io.trapscope.analyzer.engine.Timelines;
import io.trapscope.model.vocabulary.Code;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Family;
import io.trapscope.model.vocabulary.MemoryEventReason;
import io.trapscope.model.vocabulary.PauseReason;
import io.trapscope.model.vocabulary.Vectors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the trace says about each vCPU's memory events and injections, updated event by event; the
 * memory-event rules read it. Per vCPU: the injection in the {@code HVMOP_inject_trap} slot, the event
 * pending for delivery and where it came from; per refused injection, its -EBUSY attempts until it is
 * accepted or abandoned; per unanswered sync request, its put and pause; per live task, its last INT3.
 * Each map is bounded by vCPUs, live tasks, ring slots or in-flight retries, never by the trace's length.
 */
public final class InjectionTracker {
  /** Far more in-flight retries or unanswered requests than a ring and a listener queue hold. */
  public static final int OPEN_MAX = 1 << 16;
  /** The rows before a collision its timeline shows. */
  static final int TIMELINE_BEFORE = 25;
  /** The rows after a collision its timeline shows, and a deferred finding waits for. */
  static final int TIMELINE_AFTER = 5;

  /** A timeline that ends with the vCPU's last row. */
  static final long LAST_ROW = Long.MAX_VALUE - 1;

  private static final int VECTOR_BITS = 8;
  private static final long VECTOR_MASK = (1 << VECTOR_BITS) - 1;
  private static final int ORIGIN_BITS = 4;

  private final Timelines timelines;
  /** Where the engine keeps this tracker's two numbers in each timeline row's state. */
  int timelineOffset;
  private VcpuInjections[] vcpus = new VcpuInjections[8];
  private final Map<Long, Injection> refused = new LinkedHashMap<>();
  private final Map<Long, SyncRequest> syncRequests = new LinkedHashMap<>();
  private final Map<Integer, EvidenceRow> taskBreakpoints = new HashMap<>();
  private final List<DeferredFinding> deferred = new ArrayList<>();
  private long ringUsed;
  /** Nothing to track before the first memory-event kind: a lazy-FPU trace costs one test per event. */
  private boolean seenMemoryEvents;
  private String endReason = "";

  InjectionTracker(Timelines timelines) {
    this.timelines = timelines;
  }

  /** The state of {@code vcpu}, created on first sight. */
  public VcpuInjections vcpu(int vcpu) {
    if (vcpu >= vcpus.length) {
      vcpus = java.util.Arrays.copyOf(vcpus, Math.max(vcpu + 1, vcpus.length * 2));
    }
    VcpuInjections state = vcpus[vcpu];
    if (state == null) {
      state = new VcpuInjections(vcpu);
      vcpus[vcpu] = state;
    }
    return state;
  }

  /** Every vCPU seen, in order. */
  List<VcpuInjections> vcpus() {
    List<VcpuInjections> seen = new ArrayList<>();
    for (VcpuInjections state : vcpus) {
      if (state != null) {
        seen.add(state);
      }
    }
    return seen;
  }

  /** The refused injection with {@code trapId} that is neither accepted nor abandoned yet, or null. */
  public Injection refused(long trapId) {
    return refused.get(trapId);
  }

  /** Refused injections still waiting to be retried, in the order of their first refusal. */
  Collection<Injection> refusedInjections() {
    return refused.values();
  }

  /** Sync requests not answered yet, in put order. */
  Collection<SyncRequest> unansweredSyncRequests() {
    return syncRequests.values();
  }

  /** {@code task}'s last INT3, or null. */
  public EvidenceRow lastBreakpoint(int task) {
    return taskBreakpoints.get(task);
  }

  /** Requests put on the ring and not answered yet, as far as the trace shows. */
  public long ringUsed() {
    return ringUsed;
  }

  /** How the run ended ({@code manifest run.endReason}); known once the trace has ended. */
  public String endReason() {
    return endReason;
  }

  void setEndReason(String reason) {
    this.endReason = reason;
  }

  /** Whether the run was cut short by {@code limits}: work in flight at the end is expected there. */
  public boolean cutShortByLimit() {
    return EndReason.isLimit(endReason);
  }

  /** The last CR_WRITE of {@code vcpu}, as evidence playing {@code role}, or null. */
  EvidenceRow lastControlWrite(int vcpu, String role) {
    return vcpu(vcpu).lastControlWrite.row(role);
  }

  /** The window of {@code vcpu}'s history a finding shows: the rows up to {@code seq} and a few after. */
  List<EvidenceRow> timeline(int vcpu, long seq) {
    List<EvidenceRow> rows = new ArrayList<>(timelines.between(vcpu, Long.MIN_VALUE, seq, TIMELINE_BEFORE));
    rows.addAll(timelines.between(vcpu, seq + 1, Long.MAX_VALUE, TIMELINE_AFTER));
    return rows;
  }

  /** The inject slot and pending event after each row of {@link #timeline}. */
  List<TimelineState> timelineStates(int vcpu, long seq) {
    List<long[]> rows = new ArrayList<>(timelines.statesBetween(vcpu, Long.MIN_VALUE, seq, TIMELINE_BEFORE));
    rows.addAll(timelines.statesBetween(vcpu, seq + 1, Long.MAX_VALUE, TIMELINE_AFTER));
    List<TimelineState> states = new ArrayList<>(rows.size());
    for (long[] row : rows) {
      // The engine hands back what timelineState wrote: the slot, then the pending event.
      states.add(new TimelineState(row[0], describeSlot(row[timelineOffset + 1]), describePending(row[timelineOffset + 2])));
    }
    return states;
  }

  void defer(DeferredFinding finding) {
    if (deferred.size() >= OPEN_MAX) {
      throw new IllegalStateException("more than " + OPEN_MAX + " collisions waiting for their timeline");
    }
    deferred.add(finding);
  }

  /** Lets waiting findings see {@code event} (already in the history) and reports those done waiting. */
  void afterHistory(Event event, Findings findings) {
    if (deferred.isEmpty()) {
      return;
    }
    for (Iterator<DeferredFinding> each = deferred.iterator(); each.hasNext(); ) {
      DeferredFinding waiting = each.next();
      if (waiting.vcpu == event.vcpu) {
        waiting.observe(event);
        if (--waiting.eventsLeft <= 0) {
          each.remove();
          waiting.report(findings);
        }
      }
    }
  }

  /** Reports every finding still waiting: the trace has ended. */
  void flushDeferred(Findings findings) {
    List<DeferredFinding> waiting = new ArrayList<>(deferred);
    deferred.clear();
    for (DeferredFinding finding : waiting) {
      finding.report(findings);
    }
  }

  /** Applies {@code event} to the state. */
  void apply(Event event) {
    if (!seenMemoryEvents) {
      if (!(event.kind.family() == Family.MEMORY_EVENTS)) {
        if (event.kind == EventKind.CR_WRITE) {
          vcpu(event.vcpu).lastControlWrite.set(event);
        }
        return;
      }
      seenMemoryEvents = true;
    }
    switch (event.kind) {
      case TRAP_RAISE:
        raise(event);
        break;
      case BREAKPOINT:
        vcpu(event.vcpu).lastBreakpoint.set(event);
        if (event.task >= 0) {
          if (taskBreakpoints.size() >= RuleEngine.LIVE_TASKS_MAX && !taskBreakpoints.containsKey(event.task)) {
            throw new IllegalStateException("more than " + RuleEngine.LIVE_TASKS_MAX + " live tasks");
          }
          taskBreakpoints.put(event.task, event.row("breakpoint"));
        }
        break;
      case TRAP_DELIVER:
        VcpuInjections delivering = vcpu(event.vcpu);
        delivering.pending = null;
        if (Vectors.waitsInLapic(event.value)) {
          delivering.lapicRaise(event.value).clear();
        }
        break;
      case DELIVERY_FAULT:
        deliveryFault(event);
        break;
      case VMENTRY_FAIL:
        vcpu(event.vcpu).pending = null;
        break;
      case CR_WRITE:
        vcpu(event.vcpu).lastControlWrite.set(event);
        break;
      case MEM_EVENT_PUT:
      case MEM_EVENT_DROP:
        request(event);
        break;
      case MEM_EVENT_RESPONSE:
        ringUsed = Math.max(0, ringUsed - 1);
        syncRequests.remove(event.aux);
        break;
      case VCPU_PAUSE:
        if (event.value == PauseReason.SYNC.code()) {
          pauseForRequest(event);
        }
        break;
      case INJECT_EBUSY:
        refusal(event);
        break;
      case INJECT_REQUEST:
        Injection accepted = refused.remove(event.aux);
        if (accepted == null) {
          accepted = newInjection(event);
        }
        accepted.request = event.row("injection-request");
        vcpu(event.vcpu).slot = accepted;
        break;
      case INJECT_ABANDON:
        refused.remove(event.aux);
        break;
      case INJECT_ENTRY:
        entry(event);
        break;
      case EVENT_OVERWRITE:
      case EVENT_DISCARD:
        VcpuInjections replacing = vcpu(event.vcpu);
        Injection kept = replacing.entering;
        replacing.pending =
            new PendingEvent((int) event.aux, PendingEvent.Origin.LISTENER, kept, kept == null ? null : kept.entry);
        replacing.entering = null;
        break;
      case INJECT_DROP:
        vcpu(event.vcpu).entering = null;
        break;
      case DOUBLE_FAULT:
        VcpuInjections combining = vcpu(event.vcpu);
        combining.pending = new PendingEvent(Vectors.DOUBLE_FAULT, PendingEvent.Origin.DOUBLE_FAULT, null, event.row("double-fault"));
        combining.entering = null;
        break;
      case TRIPLE_FAULT:
        VcpuInjections shutting = vcpu(event.vcpu);
        shutting.pending = null;
        shutting.entering = null;
        break;
      case TASK_EXIT:
        taskBreakpoints.remove(event.task);
        break;
      default:
        break;
    }
  }

  private void raise(Event event) {
    VcpuInjections state = vcpu(event.vcpu);
    if (Vectors.waitsInLapic(event.value)) {
      // An NMI or interrupt waits in the LAPIC until a VM entry finds nothing pending; only then is it pending.
      state.lapicRaise(event.value).set(event);
    } else {
      state.pending = new PendingEvent((int) event.value, PendingEvent.Origin.CPU_EXCEPTION, null, event.row("pending-raised"));
    }
  }

  private void deliveryFault(Event event) {
    VcpuInjections state = vcpu(event.vcpu);
    if (state.pending == null || state.pending.vector != event.value) {
      // Not seen becoming pending: an NMI or interrupt taken from the LAPIC, or a guest INT3 Xen delivered itself.
      PendingEvent.Origin origin;
      EvidenceRow since;
      if (Vectors.waitsInLapic(event.value)) {
        origin = PendingEvent.Origin.INTERRUPT;
        since = state.lapicRaise(event.value).row("pending-raised");
        state.lapicRaise(event.value).clear();
      } else if (event.value == Vectors.BREAKPOINT) {
        origin = PendingEvent.Origin.BREAKPOINT;
        since = state.lastBreakpoint.row("pending-raised");
      } else {
        origin = PendingEvent.Origin.CPU_EXCEPTION;
        since = null;
      }
      state.pending = new PendingEvent((int) event.value, origin, null, since);
    }
    state.pending.deliveryFault = event.row("delivery-fault");
    state.pending.violationRequest = null;
    state.pending.deliveryFaults++;
    state.lastDeliveryFault.set(event);
    // A #BP or #OF is never re-armed (hvm_event_needs_reinjection): the instruction executes again, and the
    // model raises no other software exception, so whatever else faulted stays pending.
    if (!TrapType.HW_EXCEPTION.rearmedAfterFaultedDelivery(event.value)) {
      state.pending = null;
    }
  }

  private void request(Event event) {
    VcpuInjections state = vcpu(event.vcpu);
    EvidenceRow cause;
    MemoryEventReason reason = Code.of(MemoryEventReason.class, event.value);
    switch (reason == null ? MemoryEventReason.CR0 : reason) {
      case VIOLATION:
        cause = state.lastDeliveryFault.row("cause");
        if (state.pending != null && state.pending.deliveryFault != null && state.pending.violationRequest == null) {
          state.pending.violationRequest = event.row("violation-request");
        }
        break;
      case INT3:
        cause = state.lastBreakpoint.row("cause");
        break;
      default:
        cause = state.lastControlWrite.row("cause");
        break;
    }
    if (event.kind == EventKind.MEM_EVENT_PUT) {
      ringUsed++;
      state.lastPut.set(event);
      state.lastPutCause = cause;
    }
  }

  private void pauseForRequest(Event event) {
    VcpuInjections state = vcpu(event.vcpu);
    boolean known = state.lastPut.present() && state.lastPut.seq() == event.aux;
    if (syncRequests.size() >= OPEN_MAX) {
      throw new IllegalStateException("more than " + OPEN_MAX + " sync requests unanswered");
    }
    syncRequests.put(
        event.aux,
        new SyncRequest(
            known && state.lastPutCause != null ? state.lastPutCause : null, known ? state.lastPut.row("request-put") : null, event.row("vcpu-paused")));
  }

  private void refusal(Event event) {
    Injection injection = refused.get(event.aux);
    if (injection == null) {
      if (refused.size() >= OPEN_MAX) {
        throw new IllegalStateException("more than " + OPEN_MAX + " refused injections in flight");
      }
      injection = newInjection(event);
      Injection holder = vcpu(event.vcpu).slot;
      injection.refusedWhileSlotHeld = holder == null ? -1 : holder.trapId;
      injection.firstRefusal = event.row("injection-refused");
      refused.put(event.aux, injection);
    }
    injection.lastRefusal = event.row("injection-refused-again");
    injection.refusals++;
  }

  private Injection newInjection(Event event) {
    Injection injection = new Injection(event.aux, (int) event.value, event.task);
    if (event.value == Vectors.BREAKPOINT && event.task >= 0) {
      injection.breakpoint = taskBreakpoints.get(event.task);
    }
    return injection;
  }

  private void entry(Event event) {
    VcpuInjections state = vcpu(event.vcpu);
    Injection taken = state.slot;
    if (taken == null || taken.trapId != event.aux) {
      taken = new Injection(event.aux, (int) event.value, event.task);
    }
    taken.entry = event.row("injection-entry");
    state.slot = null;
    if (state.pending == null) {
      state.pending = new PendingEvent(taken.vector, PendingEvent.Origin.LISTENER, taken, taken.entry);
    } else {
      state.entering = taken;
    }
  }

  /** The slot after the last event, encoded for the history: trap id, whether it is being entered, vector. */
  long slotState(int vcpu) {
    if (!seenMemoryEvents) {
      return -1;
    }
    VcpuInjections state = vcpu(vcpu);
    Injection injection = state.entering != null ? state.entering : state.slot;
    if (injection == null) {
      return -1;
    }
    long entering = state.entering != null ? 1 : 0;
    return (injection.trapId << (VECTOR_BITS + 1)) | (entering << VECTOR_BITS) | (injection.vector & VECTOR_MASK);
  }

  /** The pending event after the last event, encoded for the history: trap id + 1 (0 unknown), origin, vector. */
  long pendingState(int vcpu) {
    if (!seenMemoryEvents) {
      return -1;
    }
    PendingEvent pending = vcpu(vcpu).pending;
    if (pending == null) {
      return -1;
    }
    long trap = pending.injection == null ? 0 : pending.injection.trapId + 1;
    return (trap << (VECTOR_BITS + ORIGIN_BITS)) | ((long) pending.origin.ordinal() << VECTOR_BITS) | (pending.vector & VECTOR_MASK);
  }

  /** "#BP (trap 387)", "#BP (trap 387) taken" (at the schedule-in, to meet the pending event), or "" for an empty slot. */
  static String describeSlot(long state) {
    if (state < 0) {
      return "";
    }
    String injection = Vectors.name(state & VECTOR_MASK) + " (trap " + (state >>> (VECTOR_BITS + 1)) + ")";
    return ((state >>> VECTOR_BITS) & 1) == 1 ? injection + " taken" : injection;
  }

  /** "#PF (trap 382, from the listener)", "#PF (from the CPU)", or "" for nothing pending. */
  static String describePending(long state) {
    if (state < 0) {
      return "";
    }
    PendingEvent.Origin origin = PendingEvent.Origin.values()[(int) ((state >>> VECTOR_BITS) & ((1 << ORIGIN_BITS) - 1))];
    long trap = (state >>> (VECTOR_BITS + ORIGIN_BITS)) - 1;
    return Vectors.name(state & VECTOR_MASK) + " (" + (trap >= 0 ? "trap " + trap + ", " : "") + origin.description() + ")";
  }
}
