package io.trapscope.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.emulator.RecordingSink.Event;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.EndReason;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.PauseReason;
import io.trapscope.model.vocabulary.ReturnCode;
import io.trapscope.model.vocabulary.TrapOutcome;
import io.trapscope.model.vocabulary.TrapSource;
import io.trapscope.model.vocabulary.TrapType;
import io.trapscope.model.vocabulary.Vectors;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Memory events and trap injection (MODEL.md section 6) as the emulator produces them: each check reads
 * a run's events and traps the way a reader of the trace would.
 */
class IntrospectionTest {
  static final String INT3 =
      """
      {"machine": {"hypervisor": "xen-hvm", "xen": "xen-4.1", "kernel": "linux-3.11"},
       "workload": {"name": "int3-reinject", "tasks": 2, "iterations": 40},
       "introspection": {"int3": {"mode": "sync"}, "listener": {"connected": true, "hookSyscalls": true}},
       "limits": {"maxEvents": 200000}}
      """;
  static final String CR3 =
      """
      {"machine": {"hypervisor": "xen-hvm", "xen": "xen-4.1", "kernel": "linux-3.11", "vcpus": 2},
       "workload": {"name": "cr3-monitor", "loops": 4, "processes": 30},
       "introspection": {"ringSlots": 8, "cr3": {"mode": "async", "onchangeonly": true},
                         "listener": {"connected": true, "latencyTicksMin": 1, "latencyTicksMax": 8}},
       "limits": {"maxEvents": 200000}}
      """;
  /** Everything that makes collisions likely: faults in delivery on a protected stack, page-ins, interrupts. */
  static final String[] STORMY = {
    "guest.faultInDeliveryProbability=0.3", "guest.interruptProbability=0.2", "introspection.protectStack=true",
    "introspection.listener.pageInProbability=0.6"
  };

  private static List<Event> of(RecordingSink run, EventKind kind) {
    return run.events.stream().filter(event -> event.kind() == kind).toList();
  }

  private static long outcomes(RecordingSink run, TrapOutcome outcome) {
    return run.traps.stream().filter(trap -> trap.outcome() == outcome).count();
  }

  private static String[] with(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  @Test
  void withoutInt3CaptureTheGuestTakesItsBreakpointsItself() {
    RecordingSink run = Runs.run(Runs.scenario(INT3, "introspection.int3.mode=disabled", "introspection.listener.hookSyscalls=false"));
    assertEquals(EndReason.COMPLETED, run.result.endReason());
    assertEquals(0, run.count(EventKind.MEM_EVENT_PUT));
    assertEquals(80, run.count(EventKind.BREAKPOINT));
    for (int index = 0; index < run.events.size(); index++) {
      if (run.events.get(index).kind() == EventKind.BREAKPOINT) {
        Event delivered = run.events.get(index + 1);
        assertEquals(EventKind.TRAP_DELIVER, delivered.kind());
        assertEquals(3, delivered.value());
        assertEquals(1, delivered.aux(), "an INT3 delivered as the CPU does moves RIP past itself");
      }
    }
  }

  @Test
  void withCaptureButNoListenerXenReinjectsTheBreakpoint() {
    RecordingSink run = Runs.run(Runs.scenario(INT3, "introspection.listener.connected=false", "introspection.listener.hookSyscalls=false"));
    assertEquals(EndReason.COMPLETED, run.result.endReason());
    assertEquals(0, run.count(EventKind.MEM_EVENT_PUT));
    assertEquals(run.count(EventKind.BREAKPOINT), of(run, EventKind.TRAP_DELIVER).stream().filter(e -> e.value() == 3 && e.aux() == 1).count());
  }

  @Test
  void aSyncInt3PausesItsVcpuUntilTheAnswerAndTheReinjectionMovesRipPastIt() {
    RecordingSink run = Runs.run(Runs.scenario(INT3));
    assertEquals(EndReason.COMPLETED, run.result.endReason());
    long guestBreakpoints = of(run, EventKind.BREAKPOINT).stream().filter(e -> e.aux() == 0).count();
    assertEquals(80, guestBreakpoints, "each of the debugger's INT3s is captured once and passed once re-injected");
    assertEquals(run.count(EventKind.MEM_EVENT_PUT), run.count(EventKind.MEM_EVENT_RESPONSE));
    Map<Long, Event> puts = new HashMap<>();
    for (Event event : run.events) {
      if (event.kind() == EventKind.MEM_EVENT_PUT) {
        puts.put(event.seq(), event);
      } else if (event.kind() == EventKind.MEM_EVENT_RESPONSE) {
        Event put = puts.remove(event.aux());
        long latency = event.tick() - put.tick();
        assertTrue(latency >= 2, "the listener takes at least latencyTicksMin: " + put + " answered by " + event);
      }
    }
    assertTrue(run.traps.stream().filter(t -> t.source() == TrapSource.LISTENER).allMatch(t -> t.outcome() == TrapOutcome.DELIVERED));
    assertTrue(run.traps.stream().filter(t -> t.source() == TrapSource.CPU && t.vector() == 3).allMatch(t -> t.outcome() == TrapOutcome.CAPTURED));
    assertTrue(run.traps.stream().filter(t -> t.vector() == 14).allMatch(t -> t.outcome() == TrapOutcome.DELIVERED && t.errorCode() == 6));
  }

  @Test
  void theListenersOwnBreakpointsAreNeverReinjected() {
    RecordingSink run = Runs.run(Runs.scenario(INT3));
    long hooks = of(run, EventKind.BREAKPOINT).stream().filter(e -> e.aux() == 1).count();
    assertEquals(160, hooks, "two hooked system calls per iteration");
    assertEquals(80, run.traps.stream().filter(t -> t.source() == TrapSource.LISTENER && t.vector() == 3).count());
  }

  @Test
  void anInjectionWaitsInItsSlotUntilTheVcpuIsScheduledIn() {
    for (long seed = 1; seed <= 5; seed++) {
      RecordingSink run = Runs.run(Runs.scenario(INT3, with(STORMY, "seed=" + seed)));
      Map<Long, Event> accepted = new HashMap<>();
      for (int index = 0; index < run.events.size(); index++) {
        Event event = run.events.get(index);
        if (event.kind() == EventKind.INJECT_REQUEST) {
          accepted.put(event.aux(), event);
        } else if (event.kind() == EventKind.INJECT_ENTRY) {
          Event request = accepted.remove(event.aux());
          boolean scheduledIn = false;
          for (int back = index - 1; back >= 0 && run.events.get(back).seq() > request.seq(); back--) {
            Event between = run.events.get(back);
            scheduledIn |= between.vcpu() == event.vcpu()
                && (between.kind() == EventKind.VCPU_UNPAUSE || between.kind() == EventKind.VCPU_RESUME);
          }
          assertTrue(scheduledIn, "seed " + seed + ": hvm_do_resume took trap " + event.aux() + " without a schedule-in");
        }
      }
    }
  }

  @Test
  void aSecondInjectionBeforeTheSlotEmptiesIsRefusedWithEbusy() {
    RecordingSink ignoring =
        Runs.run(Runs.scenario(INT3, "machine.xen=xen-4.2", "introspection.listener.pageInProbability=1", "introspection.listener.onBusy=ignore"));
    assertTrue(ignoring.count(EventKind.INJECT_EBUSY) > 0);
    assertEquals(ignoring.count(EventKind.INJECT_EBUSY), ignoring.count(EventKind.INJECT_ABANDON));
    assertEquals(ignoring.count(EventKind.INJECT_EBUSY), outcomes(ignoring, TrapOutcome.EBUSY));
    RecordingSink retrying = Runs.run(Runs.scenario(INT3, "machine.xen=xen-4.2", "introspection.listener.pageInProbability=1"));
    assertTrue(retrying.count(EventKind.INJECT_EBUSY) > 0);
    assertEquals(0, retrying.count(EventKind.INJECT_ABANDON));
    long lastTick = retrying.events.get(retrying.events.size() - 1).tick();
    Map<Long, Event> refused = new HashMap<>();
    for (Event event : retrying.events) {
      if (event.kind() == EventKind.INJECT_EBUSY) {
        refused.put(event.aux(), event);
      } else if (event.kind() == EventKind.INJECT_REQUEST) {
        refused.remove(event.aux());
      }
    }
    for (Event last : refused.values()) {
      assertTrue(lastTick - last.tick() <= 20, "only a retry the end of the run cut off stays refused: " + last);
    }
    assertEquals(refused.size(), outcomes(retrying, TrapOutcome.EBUSY));
  }

  @Test
  void aFullRingLosesCrEventsOnXen41AndMakesTheVcpuWaitOnXen42() {
    for (String xen : List.of("xen-4.1", "xen-4.2", "xen-4.9")) {
      RecordingSink run = Runs.run(Runs.scenario(CR3, "machine.xen=" + xen));
      assertEquals(EndReason.COMPLETED, run.result.endReason(), xen);
      long changes = cr3Changes(run);
      long puts = of(run, EventKind.MEM_EVENT_PUT).stream().filter(e -> e.value() == 3).count();
      long drops = run.count(EventKind.MEM_EVENT_DROP);
      int slots = 8;
      int used = 0;
      for (Event event : run.events) {
        used += event.kind() == EventKind.MEM_EVENT_PUT ? 1 : event.kind() == EventKind.MEM_EVENT_RESPONSE ? -1 : 0;
        assertTrue(used <= (xen.equals("xen-4.1") ? slots - 3 : slots), xen + ": " + used + " requests on an 8-slot ring");
      }
      if (xen.equals("xen-4.1")) {
        assertTrue(drops > 0, "the 4.1 ring overflows");
        assertEquals(changes, puts + drops, "every change is either sent or lost");
      } else {
        assertEquals(0, drops, xen);
        assertEquals(changes, puts, xen + ": every change reaches the listener");
        // 3643a96119 (4.2.0 mem_event.c:305-307): from 4.2 a vCPU is paused after its put while fewer free
        // slots than vCPUs remain, so it rarely finds the ring full at all.
        assertTrue(of(run, EventKind.VCPU_PAUSE).stream().anyMatch(e -> e.value() == PauseReason.FEW_SLOTS.code()), xen);
      }
    }
  }

  /** CR3 writes that changed the register, per vCPU: the ones onchangeonly lets through. */
  private static long cr3Changes(RecordingSink run) {
    Map<Integer, Long> loaded = new HashMap<>();
    long changes = 0;
    for (Event event : run.events) {
      if (event.kind() == EventKind.CR_WRITE && event.aux() == 3) {
        Long previous = loaded.put(event.vcpu(), event.value());
        if (previous == null ? event.value() != Vcpu.CR3_BOOT : previous != event.value()) {
          changes++;
        }
      }
    }
    return changes;
  }

  @Test
  void onchangeonlyFiltersTlbFlushesThatReloadTheSameCr3() {
    RecordingSink filtered = Runs.run(Runs.scenario(CR3, "machine.xen=xen-4.2"));
    RecordingSink all = Runs.run(Runs.scenario(CR3, "machine.xen=xen-4.2", "introspection.cr3.onchangeonly=false"));
    long writes = of(all, EventKind.CR_WRITE).stream().filter(e -> e.aux() == 3).count();
    assertEquals(writes, of(all, EventKind.MEM_EVENT_PUT).stream().filter(e -> e.value() == 3).count());
    assertTrue(filtered.count(EventKind.MEM_EVENT_PUT) < all.count(EventKind.MEM_EVENT_PUT));
  }

  @Test
  void int3RefusesOnchangeonly() {
    RecordingSink run = Runs.run(Runs.scenario(INT3, "introspection.int3.onchangeonly=true", "introspection.listener.hookSyscalls=false"));
    Event set = of(run, EventKind.PARAM_SET).get(0);
    assertEquals(23, set.value());
    assertEquals(ReturnCode.EINVAL.code(), set.aux());
    assertEquals(0, run.count(EventKind.MEM_EVENT_PUT), "INT3 capture stays off");
  }

  @Test
  void aGuestSettingItsOwnInt3ParameterDeadlocksOnlyThePostedPatch() {
    // The posted patch took a guest's own INT3 parameter and domain_pause()d itself (Tim Deegan's review);
    // df402bb9f0, committed for RELEASE-4.1.0, answers -EPERM (4.1.0 hvm.c:3250-3264), as does every later
    // release (4.9.0 hvm.c:4014-4018, before the deprecation's -EOPNOTSUPP).
    String selfParam =
        """
        {"machine": {"hypervisor": "xen-hvm", "xen": "xen-4.1-rfc", "kernel": "linux-3.11", "vcpus": 2},
         "workload": {"name": "self-param"},
         "introspection": {"int3": {"mode": "sync"}, "listener": {"connected": true}}}
        """;
    RecordingSink deadlocked = Runs.run(Runs.scenario(selfParam));
    assertEquals(EndReason.DEADLOCK, deadlocked.result.endReason());
    assertFalse(deadlocked.result.workloadFinished());
    List<Event> sets = of(deadlocked, EventKind.PARAM_SET);
    assertEquals(-1, sets.get(0).task(), "first the control domain enables INT3 capture");
    Event set = sets.get(1);
    assertTrue(set.task() >= 0, "then a guest task sets it on its own domain");
    assertEquals(0, set.aux());
    List<Event> pauses = of(deadlocked, EventKind.VCPU_PAUSE);
    assertEquals(2, pauses.size());
    assertTrue(pauses.stream().allMatch(e -> e.value() == PauseReason.DOMAIN_SELF.code() && e.aux() == set.seq()));
    assertTrue(
        deadlocked.events.stream().filter(e -> e.seq() > set.seq() + 2).allMatch(e -> e.kind() == EventKind.TASK_WAKE),
        "no vCPU runs after the pause: " + deadlocked.events.subList((int) set.seq(), deadlocked.events.size()));

    for (String release : List.of("xen-4.1", "xen-4.2")) {
      RecordingSink refused = Runs.run(Runs.scenario(selfParam, "machine.xen=" + release));
      assertEquals(EndReason.COMPLETED, refused.result.endReason(), release);
      assertEquals(ReturnCode.EPERM.code(), of(refused, EventKind.PARAM_SET).get(1).aux(), release);
    }
    // 4.9 monitors through domctls: only the guest's own call is a PARAM_SET, and it is refused.
    RecordingSink monitored = Runs.run(Runs.scenario(selfParam, "machine.xen=xen-4.9"));
    assertEquals(EndReason.COMPLETED, monitored.result.endReason());
    List<Event> guestSets = of(monitored, EventKind.PARAM_SET);
    assertEquals(1, guestSets.size());
    assertEquals(ReturnCode.EPERM.code(), guestSets.get(0).aux());

    RecordingSink cr3 = Runs.run(Runs.scenario(selfParam, "workload.parameter=cr3"));
    assertEquals(EndReason.COMPLETED, cr3.result.endReason(), "only the INT3 parameter pauses the domain to latch it");
    assertEquals(0, of(cr3, EventKind.PARAM_SET).get(1).aux());
  }

  @Test
  void collisionsFollowXensCombinationRuleOn41AndAreDroppedOn49() {
    Set<EventKind> seen41 = EnumSet.noneOf(EventKind.class);
    Set<EventKind> seen49 = EnumSet.noneOf(EventKind.class);
    Set<EventKind> collisions =
        EnumSet.of(EventKind.EVENT_OVERWRITE, EventKind.EVENT_DISCARD, EventKind.DOUBLE_FAULT, EventKind.TRIPLE_FAULT, EventKind.INJECT_DROP);
    for (long seed = 1; seed <= 40; seed++) {
      for (String xen : List.of("xen-4.1", "xen-4.9")) {
        RecordingSink run = Runs.run(Runs.scenario(INT3, with(STORMY, "seed=" + seed, "machine.xen=" + xen)));
        checkCollisions(run, xen.equals("xen-4.9"));
        for (Event event : run.events) {
          if (collisions.contains(event.kind())) {
            (xen.equals("xen-4.1") ? seen41 : seen49).add(event.kind());
          }
        }
      }
    }
    assertTrue(seen41.containsAll(EnumSet.of(EventKind.EVENT_OVERWRITE, EventKind.DOUBLE_FAULT, EventKind.TRIPLE_FAULT)), seen41.toString());
    assertFalse(seen41.contains(EventKind.INJECT_DROP));
    assertEquals(EnumSet.of(EventKind.INJECT_DROP), seen49);
  }

  @Test
  void anNmiThatWaitsAfterAFaultedDeliveryIsOverwrittenOn41AndKeptOn49() {
    long overwritten41 = 0;
    long dropped49 = 0;
    for (long seed = 1; seed <= 20; seed++) {
      for (String xen : List.of("xen-4.1", "xen-4.9")) {
        RecordingSink run = Runs.run(Runs.scenario(INT3, with(STORMY, "seed=" + seed, "machine.xen=" + xen, "guest.nmiProbability=0.3")));
        for (TrapRecord trap : run.traps) {
          if (trap.vector() != Vectors.NMI) {
            continue;
          }
          assertEquals(TrapType.NMI, trap.type(), "seed " + seed);
          assertEquals(TrapSource.LAPIC, trap.source(), "seed " + seed);
          // Only hardware exceptions are combined; an NMI is written over, or (4.9) keeps its place.
          assertFalse(trap.outcome() == TrapOutcome.COMBINED_DF || trap.outcome() == TrapOutcome.DISCARDED, "seed " + seed + ": " + trap);
          if (xen.equals("xen-4.9")) {
            assertFalse(trap.outcome() == TrapOutcome.OVERWRITTEN, "seed " + seed + ": " + trap);
          } else if (trap.outcome() == TrapOutcome.OVERWRITTEN) {
            overwritten41++;
          }
        }
        if (xen.equals("xen-4.9")) {
          dropped49 += run.events.stream().filter(e -> e.kind() == EventKind.INJECT_DROP && e.aux() == Vectors.NMI).count();
        }
      }
    }
    assertTrue(overwritten41 > 0, "no NMI overwritten on xen-4.1 in 20 seeds");
    assertTrue(dropped49 > 0, "no injection dropped for a pending NMI on xen-4.9 in 20 seeds");
  }

  @Test
  void anNmiGoesBeforeAnInterruptThatArrivedWithIt() {
    int both = 0;
    for (long seed = 1; seed <= 10; seed++) {
      RecordingSink run =
          Runs.run(Runs.scenario(INT3, "seed=" + seed, "guest.interruptProbability=0.3", "guest.nmiProbability=0.3"));
      List<Event> lapic =
          run.events.stream()
              .filter(e -> (e.kind() == EventKind.TRAP_RAISE || e.kind() == EventKind.TRAP_DELIVER) && (e.value() == 2 || e.value() == 239))
              .toList();
      for (int index = 0; index + 2 < lapic.size(); index++) {
        Event first = lapic.get(index);
        Event second = lapic.get(index + 1);
        if (first.kind() == EventKind.TRAP_RAISE && second.kind() == EventKind.TRAP_RAISE && second.seq() == first.seq() + 1) {
          both++;
          assertEquals(Vectors.NMI, lapic.get(index + 2).value(), "seed " + seed + ": delivered first after seq " + second.seq());
        }
      }
    }
    assertTrue(both > 0, "an NMI and an interrupt never arrived together in 10 seeds");
  }

  /**
   * hvm_event_needs_reinjection (4.1.0 hvm.c:158-177, unchanged to 4.9.0) re-arms interrupts, NMIs and
   * hardware exceptions other than #BP and #OF: a #BP whose delivery faulted, of either type, is never left
   * pending, so no injection ever meets one; the INT3 executes again instead.
   */
  @Test
  void aBreakpointWhoseDeliveryFaultedIsNeverPendingSoNeverOverwrittenDiscardedOrCombined() {
    long reexecuted = 0;
    for (String xen : List.of("xen-4.1", "xen-4.2", "xen-4.9")) {
      for (String type : List.of("sw", "hw")) {
        for (long seed = 1; seed <= 8; seed++) {
          RecordingSink run = Runs.run(Runs.scenario(
              INT3, with(STORMY, "seed=" + seed, "machine.xen=" + xen, "introspection.listener.reinjectType=" + type, "limits.maxEvents=20000")));
          checkCollisions(run, xen.equals("xen-4.9"));
          for (TrapRecord trap : run.traps) {
            if (trap.vector() == Vectors.BREAKPOINT) {
              // Overwritten and discarded are what befalls a pending event; combined, either side: a #BP may only be the injection.
              boolean asPending = trap.outcome() == TrapOutcome.OVERWRITTEN || trap.outcome() == TrapOutcome.DISCARDED
                  || (trap.outcome() == TrapOutcome.COMBINED_DF && trap.source() != TrapSource.LISTENER);
              assertFalse(asPending, xen + " " + type + " seed " + seed + ": " + trap);
              reexecuted += trap.outcome() == TrapOutcome.REEXECUTED ? 1 : 0;
            }
          }
          for (Event event : run.events) {
            if (event.kind() == EventKind.EVENT_OVERWRITE || event.kind() == EventKind.EVENT_DISCARD || event.kind() == EventKind.DOUBLE_FAULT) {
              assertTrue(event.value() != Vectors.BREAKPOINT, xen + " seed " + seed + ": a pending #BP met an injection: " + event);
            }
          }
        }
      }
    }
    assertTrue(reexecuted > 0, "no #BP delivery ever faulted: the test shows nothing");
  }

  /** Every collision matches its traps, and its result is what hvm_combine_hw_exceptions says. */
  private static void checkCollisions(RecordingSink run, boolean newerRule) {
    assertEquals(run.count(EventKind.EVENT_OVERWRITE), outcomes(run, TrapOutcome.OVERWRITTEN));
    assertEquals(run.count(EventKind.EVENT_DISCARD), outcomes(run, TrapOutcome.DISCARDED));
    assertEquals(2 * run.count(EventKind.DOUBLE_FAULT), outcomes(run, TrapOutcome.COMBINED_DF));
    assertEquals(2 * run.count(EventKind.TRIPLE_FAULT), outcomes(run, TrapOutcome.TRIPLE_FAULT));
    assertEquals(run.count(EventKind.INJECT_DROP), outcomes(run, TrapOutcome.DROPPED_PENDING));
    for (int index = 0; index < run.events.size(); index++) {
      Event event = run.events.get(index);
      int pending = (int) event.value();
      int injected = (int) event.aux();
      switch (event.kind()) {
        case EVENT_DISCARD -> assertEquals(injected, ExceptionCombiner.combine(pending, injected, newerRule));
        case DOUBLE_FAULT -> {
          assertEquals(8, ExceptionCombiner.combine(pending, injected, newerRule));
          Event next = run.events.stream()
              .filter(e -> e.seq() > event.seq() && (e.kind() == EventKind.TRAP_DELIVER || e.kind() == EventKind.DELIVERY_FAULT
                  || e.kind() == EventKind.VMENTRY_FAIL))
              .findFirst().orElseThrow();
          assertEquals(8, next.value(), "the #DF is what the vCPU delivers, or fails to enter with, next");
          // The #DF keeps the injected event's type (4.1.0 vmx.c:1259-1289): a software-typed one fails the
          // VM entry (vm_resume_fail, vmcs.c:1037) instead of reaching the guest.
          TrapRecord doubleFault = run.traps.stream().filter(t -> t.raisedSeq() == event.seq()).findFirst().orElseThrow();
          assertEquals(doubleFault.type() == TrapType.SW_EXCEPTION, next.kind() == EventKind.VMENTRY_FAIL, doubleFault.toString());
        }
        case VMENTRY_FAIL -> {
          assertEquals(EventKind.DOMAIN_CRASH, run.events.get(index + 1).kind());
          assertEquals(EndReason.VMENTRY_FAILED, run.result.endReason());
        }
        case TRIPLE_FAULT -> {
          assertEquals(8, pending);
          assertEquals(EventKind.DOMAIN_SHUTDOWN, run.events.get(index + 1).kind());
          assertEquals(EndReason.DOMAIN_SHUTDOWN, run.result.endReason());
        }
        case GUEST_PANIC -> assertEquals(EndReason.GUEST_PANIC, run.result.endReason());
        default -> {}
      }
    }
    for (TrapRecord trap : run.traps) {
      if (trap.outcome() == TrapOutcome.OVERWRITTEN) {
        assertTrue(trap.type() != TrapType.HW_EXCEPTION, "only events that are not hardware exceptions are overwritten");
      }
      if (trap.outcome() == TrapOutcome.DISCARDED) {
        assertEquals(TrapType.HW_EXCEPTION, trap.type());
      }
    }
  }

  @Test
  void aBreakpointReinjectedSoThatRipDoesNotMoveRepeats() {
    for (String wrong : List.of("introspection.listener.reinjectType=hw", "introspection.listener.reinjectLength=0")) {
      RecordingSink run = Runs.run(Runs.scenario(INT3, "machine.xen=xen-4.2", wrong, "limits.maxEvents=5000"));
      assertEquals(EndReason.MAX_EVENTS, run.result.endReason(), wrong + ": the same INT3 forever");
      List<Event> deliveries = of(run, EventKind.TRAP_DELIVER).stream().filter(e -> e.value() == 3).toList();
      assertTrue(deliveries.size() > 100);
      assertTrue(deliveries.stream().allMatch(e -> e.aux() == 0), wrong);
      assertEquals(1, of(run, EventKind.BREAKPOINT).stream().filter(e -> e.aux() == 0).map(Event::value).distinct().count());
    }
    RecordingSink xen41 = Runs.run(Runs.scenario(INT3, "introspection.listener.reinjectType=hw", "introspection.listener.reinjectLength=0"));
    assertEquals(EndReason.COMPLETED, xen41.result.endReason(), "Xen 4.1 takes no type or length: an INT3 goes in as SW, length 1");
    assertTrue(xen41.traps.stream().filter(t -> t.source() == TrapSource.LISTENER).allMatch(t -> t.type() == TrapType.SW_EXCEPTION && t.insnLen() == 1));
  }

  @Test
  void aListenerThatNeverAnswersLeavesTheVcpuPausedForGood() {
    RecordingSink run = Runs.run(Runs.scenario(INT3, "machine.xen=xen-4.2", "introspection.listener.answerSync=false"));
    assertEquals(EndReason.DEADLOCK, run.result.endReason());
    assertEquals(1, run.count(EventKind.MEM_EVENT_PUT));
    assertEquals(0, run.count(EventKind.MEM_EVENT_RESPONSE));
    assertEquals(0, run.count(EventKind.VCPU_UNPAUSE));
    assertEquals(1, outcomes(run, TrapOutcome.PENDING_AT_END), "the #BP re-injected for it never leaves the slot");
  }

  @Test
  void answeringFromTheLogAloneReproducesIntrospectionRuns() {
    for (Scenario scenario : List.of(Runs.scenario(INT3, with(STORMY, "seed=3")), Runs.scenario(CR3, "seed=3"))) {
      RecordingSink recorded = Runs.run(scenario);
      ChoiceLogTest.LogChoiceSource log = new ChoiceLogTest.LogChoiceSource(recorded.choices);
      RecordingSink replayed = new RecordingSink();
      new Machine(scenario, log, replayed).run();
      assertEquals(recorded.events, replayed.events);
      assertEquals(recorded.traps, replayed.traps);
      assertEquals(recorded.choices.size(), log.next, "every logged choice was asked for");
    }
  }
}
