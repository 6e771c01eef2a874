package io.trapscope.emulator;

import io.trapscope.model.scenario.EventMode;
import io.trapscope.model.scenario.EventSetting;
import io.trapscope.model.scenario.EventSource;
import io.trapscope.model.scenario.IntrospectionConfig;
import io.trapscope.model.scenario.XenProfile;
import io.trapscope.model.scenario.XenVersion;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.PauseReason;
import io.trapscope.model.vocabulary.ReturnCode;
import io.trapscope.model.vocabulary.TrapOutcome;
import java.util.ArrayDeque;

/**
 * Xen's side of memory events for one HVM domain (the 2011 INT3/CRx capture thread; MODEL.md section 6): the per-domain
 * parameters, the request ring and its slots, and the pausing and waking of vCPUs around them. A slot is
 * taken by a put and freed only when Xen consumes the listener's response ({@code RING_FREE_REQUESTS}
 * counts from {@code rsp_cons}), so an unanswered request holds its slot for good.
 */
final class MemoryEvents {
  /** Requests one vCPU can have waiting for a slot: a step writes a handful of registers at most. */
  static final int DEFERRED_MAX = 64;

  /** What became of a memory event. */
  enum Result {
    /** The source is disabled: the hardware exit is not even taken (or Xen carries on as without events). */
    NOT_ENABLED,
    /** {@code onchangeonly} and the value did not change: handled, nothing sent. */
    FILTERED,
    /** No listener holds the ring ({@code mem_event_check_ring} returns -1). */
    NO_LISTENER,
    PUT,
    /** Xen 4.1: the ring was full, the request is dropped and the vCPU sleeps until a response. */
    DROPPED,
    /** Xen 4.2 and later: the vCPU waits for a slot and puts the request then. */
    WAITING
  }

  /** One request from the domain to the listener. */
  static final class Request {
    final int reason;
    final Vcpu vcpu;
    final Task task;
    final long value;
    final boolean sync;
    /** The INT3's trap for an INT3 request, else -1. */
    final long trapId;
    long putSeq = -1;

    Request(int reason, Vcpu vcpu, Task task, long value, boolean sync, long trapId) {
      this.reason = reason;
      this.vcpu = vcpu;
      this.task = task;
      this.value = value;
      this.sync = sync;
      this.trapId = trapId;
    }

    int taskId() {
      return task == null ? -1 : task.id;
    }
  }

  private final MachineServices services;
  private final XenVersion xen;
  private final Vcpu[] vcpus;
  private final int slots;
  private final int[] parameters = new int[EventSource.values().length];
  /** vCPUs waiting for a ring slot (Xen 4.2 and later's wait queue), in the order they started waiting. */
  private final ArrayDeque<Vcpu> waiters = new ArrayDeque<>();
  /** The vCPU the last round-robin wake woke ({@code last_vcpu_wake_up}). */
  private int lastWoken = -1;
  private final ArrayDeque<Request>[] deferred;
  private Listener listener;
  private int used;
  private boolean domainPaused;

  @SuppressWarnings("unchecked")
  MemoryEvents(MachineServices services, XenVersion xen, IntrospectionConfig config, Vcpu[] vcpus) {
    this.services = services;
    this.xen = xen;
    this.vcpus = vcpus;
    this.slots = config.ringSlotsFor(xen);
    this.deferred = new ArrayDeque[vcpus.length];
    for (int index = 0; index < vcpus.length; index++) {
      deferred[index] = new ArrayDeque<>();
    }
  }

  void connect(Listener connected) {
    this.listener = connected;
  }

  /**
   * The control domain sets the parameters the scenario asks for, before the guest runs: with {@code
   * HVMOP_set_param} (a PARAM_SET each), or from Xen 4.6 on, where those parameters are deprecated and
   * answer {@code -EOPNOTSUPP}, with {@code XEN_DOMCTL_monitor_op}, which the trace does not record.
   */
  void boot(IntrospectionConfig config) {
    for (EventSource source : EventSource.values()) {
      EventSetting setting = config.setting(source);
      if (setting.mode() != EventMode.DISABLED) {
        int rc = set(source, setting.value());
        if (!xen.profile().monitorsThroughDomctl()) {
          services.emit(vcpus[0], -1, EventKind.PARAM_SET, source.parameter(), rc);
        }
      }
    }
  }

  /**
   * {@code HVMOP_set_param} called by the guest on its own domain. Xen 4.1 takes it, and for INT3 latches
   * the new setting with {@code domain_pause(d)} on the calling vCPU's own domain: that vCPU waits in
   * {@code vcpu_sleep_sync} for itself to stop running, forever (Tim Deegan, reviewing the 2011 INT3/CRx capture patch).
   */
  void setByGuest(Vcpu vcpu, Task task, int parameter, int value) {
    EventSource source = EventSource.byParameter(parameter);
    Invariants.check(source != null, "no memory-event parameter %d", parameter);
    // hvm_allow_set_param refuses a domain its own parameters before anything else looks at them, so a
    // guest gets -EPERM on every release, even where the parameters are deprecated (4.9.0 hvm.c:4014-4018).
    boolean refused = xen.profile().ownParameters() == XenProfile.OwnParameters.REFUSED;
    int rc = refused ? ReturnCode.EPERM.code() : set(source, value);
    long seq = services.emit(vcpu, task.id, EventKind.PARAM_SET, parameter, rc);
    if (rc == 0 && source == EventSource.INT3) {
      domainPaused = true;
      for (Vcpu each : vcpus) {
        services.emit(each, each.currentId(), EventKind.VCPU_PAUSE, PauseReason.DOMAIN_SELF.code(), seq);
      }
    }
  }

  private int set(EventSource source, int value) {
    if (source == EventSource.INT3 && (value & EventMode.ONCHANGEONLY) != 0) {
      return ReturnCode.EINVAL.code();
    }
    parameters[source.ordinal()] = value;
    return 0;
  }

  /** The mode the domain's parameter for {@code source} holds now. */
  EventMode mode(EventSource source) {
    int bits = parameters[source.ordinal()] & 3;
    return bits == EventMode.SYNC.bits() ? EventMode.SYNC : bits == EventMode.ASYNC.bits() ? EventMode.ASYNC : EventMode.DISABLED;
  }

  /** {@code hvm_memory_event_cr0/3/4}: called after the write completed; nothing checks what it returns. */
  Result controlRegister(Vcpu vcpu, Task task, EventSource source, long old, long value) {
    int parameter = parameters[source.ordinal()];
    EventMode mode = mode(source);
    if (mode == EventMode.DISABLED) {
      return Result.NOT_ENABLED;
    }
    if (source == EventSource.CR0 && value == old) {
      // A CR0 write that leaves the read shadow as it was (clts with TS already clear) causes no VM exit.
      return Result.NOT_ENABLED;
    }
    if ((parameter & EventMode.ONCHANGEONLY) != 0 && value == old) {
      return Result.FILTERED;
    }
    return send(new Request(source.reason(), vcpu, task, value, mode == EventMode.SYNC, -1));
  }

  /** Whether the vCPU may run: no pause, no block on the ring, the domain not paused. */
  boolean runnable(Vcpu vcpu) {
    return !domainPaused && vcpu.pauseCount == 0 && vcpu.ringBlock == 0;
  }

  /** Whether some vCPU is blocked in a way only a response can lift. */
  boolean domainPaused() {
    return domainPaused;
  }

  /**
   * Sends a request as the vCPU's own domain would: {@code mem_event_check_ring} (Xen 4.1) or
   * {@code mem_event_claim_slot} (4.2 and later), then the put and, for a sync request, the pause.
   */
  Result send(Request request) {
    if (listener == null) {
      return Result.NO_LISTENER;
    }
    Vcpu vcpu = request.vcpu;
    int free = slots - used;
    if (xen.dropsWhenRingFull()) {
      if (free < XenVersion.RING_THRESHOLD_4_1) {
        long seq = services.emit(vcpu, request.taskId(), EventKind.MEM_EVENT_DROP, request.reason, request.value);
        block(vcpu, PauseReason.RING_FULL.code(), seq);
        return Result.DROPPED;
      }
    } else if (free == 0 || !deferred[vcpu.id].isEmpty()) {
      Invariants.check(deferred[vcpu.id].size() < DEFERRED_MAX, "more than %d requests waiting on one vCPU", DEFERRED_MAX);
      deferred[vcpu.id].add(request);
      if (vcpu.ringBlock == 0) {
        block(vcpu, PauseReason.RING_WAIT.code(), services.lastSeq());
      }
      return Result.WAITING;
    }
    put(request);
    return Result.PUT;
  }

  private void put(Request request) {
    Vcpu vcpu = request.vcpu;
    used++;
    Invariants.check(used <= slots, "more requests on the ring than it has slots");
    request.putSeq = services.emit(vcpu, request.taskId(), EventKind.MEM_EVENT_PUT, request.reason, request.value);
    if (request.trapId >= 0) {
      services.traps().resolve(request.trapId, TrapOutcome.CAPTURED);
    }
    if (request.sync) {
      vcpu.pauseCount++;
      services.emit(vcpu, request.taskId(), EventKind.VCPU_PAUSE, PauseReason.SYNC.code(), request.putSeq);
    }
    boolean pausedForOwnRequest = xen.profile().sparesVcpuPausedForSync() && vcpu.pauseCount > 0;
    if (xen.pausesWhenFewSlots() && slots - used < vcpus.length && vcpu.ringBlock == 0 && !pausedForOwnRequest) {
      block(vcpu, PauseReason.FEW_SLOTS.code(), request.putSeq);
    }
    listener.enqueue(request);
  }

  /**
   * The listener's response is consumed: the slot is free, a sync request's vCPU is unpaused, and vCPUs
   * blocked on the ring are woken (all of them in Xen 4.1, {@code mem_event_unpause_vcpus}; as many as
   * there are free slots later, in the order they blocked).
   */
  void respond(Request request) {
    Vcpu vcpu = request.vcpu;
    used--;
    Invariants.check(used >= 0, "more responses than requests");
    long seq = services.emit(vcpu, request.taskId(), EventKind.MEM_EVENT_RESPONSE, request.reason, request.putSeq);
    if (request.sync) {
      Invariants.check(vcpu.pauseCount > 0, "response to a sync request of a vCPU that is not paused");
      vcpu.pauseCount--;
      unpaused(vcpu, PauseReason.SYNC.code(), seq);
    }
    wakeWaiters(seq);
  }

  /**
   * A response freed a slot: Xen 4.1 wakes every vCPU that slept on the full ring ({@code
   * mem_event_unpause_vcpus}); later releases wake the vCPUs waiting for a slot if there are any, as many as
   * slots are free ({@code wake_up_nr}), and otherwise the vCPUs paused after their put, round robin from
   * the last one woken (4.2.0 mem_event.c:145-170; 4.9.0 vm_event.c:140-160).
   */
  private void wakeWaiters(long causeSeq) {
    XenProfile.Wake policy = xen.profile().wake();
    if (policy == XenProfile.Wake.EVERY_SLEEPER) {
      for (Vcpu vcpu : vcpus) {
        if (vcpu.ringBlock == PauseReason.RING_FULL.code()) {
          wake(vcpu, causeSeq);
        }
      }
      return;
    }
    if (!waiters.isEmpty()) {
      int bound = waiters.size();
      for (int woken = 0; woken < bound && !waiters.isEmpty() && slots - used > 0; woken++) {
        Vcpu vcpu = waiters.pollFirst();
        wake(vcpu, causeSeq);
        putDeferred(vcpu);
      }
      return;
    }
    int available = slots - used;
    int blocked = 0;
    for (Vcpu vcpu : vcpus) {
      blocked += vcpu.ringBlock == PauseReason.FEW_SLOTS.code() ? 1 : 0;
    }
    int running = vcpus.length - blocked;
    for (int step = 0; step < vcpus.length && blocked > 0; step++) {
      boolean enough =
          policy == XenProfile.Wake.ROUND_ROBIN_WHILE_FEWER_RUN_THAN_FREE ? running >= available : available <= 0;
      if (enough) {
        return;
      }
      int index = (lastWoken + 1 + step) % vcpus.length;
      Vcpu vcpu = vcpus[index];
      if (vcpu.ringBlock == PauseReason.FEW_SLOTS.code()) {
        wake(vcpu, causeSeq);
        running++;
        blocked--;
        available--;
        lastWoken = index;
      }
    }
  }

  private void wake(Vcpu vcpu, long causeSeq) {
    int reason = vcpu.ringBlock;
    vcpu.ringBlock = 0;
    unpaused(vcpu, reason, causeSeq);
  }

  /** A vCPU woken from its wait for a slot claims one and puts what it was going to put. */
  private void putDeferred(Vcpu vcpu) {
    ArrayDeque<Request> queue = deferred[vcpu.id];
    while (!queue.isEmpty() && vcpu.ringBlock == 0) {
      if (slots - used == 0) {
        block(vcpu, PauseReason.RING_WAIT.code(), services.lastSeq());
        return;
      }
      put(queue.pollFirst());
    }
  }

  /** Blocks the vCPU on the ring; a vCPU already blocked stays blocked for the first reason. */
  private void block(Vcpu vcpu, int reason, long causeSeq) {
    if (vcpu.ringBlock != 0) {
      return;
    }
    vcpu.ringBlock = reason;
    if (reason == PauseReason.RING_WAIT.code()) {
      waiters.addLast(vcpu);
    }
    services.emit(vcpu, vcpu.currentId(), EventKind.VCPU_PAUSE, reason, causeSeq);
  }

  private void unpaused(Vcpu vcpu, int reason, long causeSeq) {
    services.emit(vcpu, vcpu.currentId(), EventKind.VCPU_UNPAUSE, reason, causeSeq);
    if (runnable(vcpu)) {
      vcpu.scheduleInDue = true;
    }
  }
}
