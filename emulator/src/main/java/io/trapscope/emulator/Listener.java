package io.trapscope.emulator;

import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.model.scenario.BusyPolicy;
import io.trapscope.model.scenario.EventSource;
import io.trapscope.model.scenario.InjectionType;
import io.trapscope.model.scenario.ListenerConfig;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.TrapOutcome;
import io.trapscope.model.vocabulary.Vectors;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The introspection agent in the control domain, single-threaded as {@code xen-access} and LibVMI's event
 * loop are: it takes requests off the ring in order, spends a latency on each, and for each runs the
 * sequence LibVMI does (callback, re-injection, response). Its INT3 breakpoints on system call handlers are
 * its own; any other INT3 belongs to the guest and is re-injected.
 */
final class Listener {
  /** Work items queued at once: ring slots plus one retry per vCPU is far below this. */
  static final int QUEUE_MAX = 1 << 12;
  /** Error code of the #PF it injects to page memory in: a supervisor read of a page not present. */
  static final long PAGE_IN_ERROR_CODE = 0;

  private final MachineServices services;
  private final MemoryEvents events;
  private final Introspection introspection;
  private final ListenerConfig config;
  private final PriorityQueue<Work> queue =
      new PriorityQueue<>(Comparator.comparingLong((Work work) -> work.dueTick).thenComparingLong(work -> work.order));
  private long lastRequestDueTick;
  private long nextOrder;

  /** A request to handle, or an injection to try again. */
  private static final class Work {
    final long dueTick;
    final long order;
    final MemoryEvents.Request request;
    final GuestEvent retry;
    final Vcpu vcpu;
    final int taskId;
    final int attempts;

    Work(long dueTick, long order, MemoryEvents.Request request, GuestEvent retry, Vcpu vcpu, int taskId, int attempts) {
      this.dueTick = dueTick;
      this.order = order;
      this.request = request;
      this.retry = retry;
      this.vcpu = vcpu;
      this.taskId = taskId;
      this.attempts = attempts;
    }
  }

  Listener(MachineServices services, MemoryEvents events, Introspection introspection, ListenerConfig config) {
    this.services = services;
    this.events = events;
    this.introspection = introspection;
    this.config = config;
  }

  /** A request was put: the agent reaches it after those before it, and spends a latency on it. */
  void enqueue(MemoryEvents.Request request) {
    long latency = latency(request.vcpu);
    long dueTick = Math.max(services.tick(), lastRequestDueTick) + latency;
    lastRequestDueTick = dueTick;
    add(new Work(dueTick, nextOrder++, request, null, request.vcpu, request.taskId(), 0));
  }

  private long latency(Vcpu vcpu) {
    return services.range(ChoicePoint.LISTENER_LATENCY, vcpu, null, config.latencyTicksMin(), config.latencyTicksMax());
  }

  private void add(Work work) {
    Invariants.check(queue.size() < QUEUE_MAX, "listener queue above %d", QUEUE_MAX);
    queue.add(work);
  }

  /** The tick of the next work item, or {@link Long#MAX_VALUE}. */
  long nextDueTick() {
    return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().dueTick;
  }

  /** Does every work item due by {@code tick}, in order. */
  void runDue(long tick) {
    while (!queue.isEmpty() && queue.peek().dueTick <= tick) {
      Work work = queue.poll();
      if (work.request != null) {
        handle(work.request);
      } else {
        retry(work);
      }
    }
  }

  /** The run ended: injections still waiting for a retry were never accepted. */
  void finish() {
    while (!queue.isEmpty()) {
      Work work = queue.poll();
      if (work.retry != null) {
        services.traps().resolve(work.retry.trapId, TrapOutcome.EBUSY);
      }
    }
  }

  private void handle(MemoryEvents.Request request) {
    Vcpu vcpu = request.vcpu;
    int taskId = request.taskId();
    GuestEvent breakpoint = null;
    boolean own = false;
    if (request.reason == EventSource.INT3.reason()) {
      own = introspection.isHook(request.value);
      if (!own) {
        breakpoint =
            introspection.newInjection(
                vcpu, taskId, Vectors.BREAKPOINT, config.reinjectType(), config.reinjectLength(), Vectors.NO_ERROR_CODE,
                request.task);
        breakpoint = introspection.injectTrap(vcpu, taskId, breakpoint) ? null : breakpoint;
      }
    }
    GuestEvent fault = null;
    boolean pageIn = services.chance(ChoicePoint.LISTENER_PAGE_IN, vcpu, null, config.pageInProbability());
    if (pageIn) {
      fault = introspection.newInjection(vcpu, taskId, Vectors.PAGE_FAULT, InjectionType.HARDWARE, 0, PAGE_IN_ERROR_CODE, null);
      fault = introspection.injectTrap(vcpu, taskId, fault) ? null : fault;
    }
    if (own && !pageIn && request.task != null) {
      request.task.hookPassed = true;
    }
    if (!request.sync || config.answerSync()) {
      events.respond(request);
    }
    if (breakpoint != null) {
      onBusy(breakpoint, vcpu, taskId, 0);
    }
    if (fault != null) {
      onBusy(fault, vcpu, taskId, 0);
    }
  }

  private void retry(Work work) {
    if (introspection.injectTrap(work.vcpu, work.taskId, work.retry)) {
      return;
    }
    onBusy(work.retry, work.vcpu, work.taskId, work.attempts + 1);
  }

  /** After {@code -EBUSY}: give up, or come back after a latency, by which time the vCPU may have run. */
  private void onBusy(GuestEvent injection, Vcpu vcpu, int taskId, int attempts) {
    if (config.onBusy() == BusyPolicy.IGNORE || attempts >= config.retriesMax()) {
      services.traps().resolve(injection.trapId, TrapOutcome.EBUSY);
      services.emit(vcpu, taskId, EventKind.INJECT_ABANDON, injection.vector, injection.trapId);
      return;
    }
    add(new Work(services.tick() + latency(vcpu), nextOrder++, null, injection, vcpu, taskId, attempts));
  }
}
