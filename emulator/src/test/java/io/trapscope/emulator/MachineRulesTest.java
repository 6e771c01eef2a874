package io.trapscope.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.model.vocabulary.EndReason;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.TrapOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single rules of MODEL.md sections 3 to 5, each checked on the events it must produce. */
class MachineRulesTest {
  @Test
  void xenPvClearsTsBeforeTheGuestHandlerAndNativeDoesNot() {
    RecordingSink pv = Runs.run(Runs.scenario("{}", "machine.hypervisor=xen-pv"));
    assertTrue(pv.events.stream().filter(e -> e.kind() == EventKind.NM_ENTER).noneMatch(RecordingSink.Event::ts));
    RecordingSink metal = Runs.run(Runs.scenario("{}", "machine.hypervisor=native"));
    assertTrue(metal.events.stream().filter(e -> e.kind() == EventKind.NM_ENTER).allMatch(RecordingSink.Event::ts));
  }

  @Test
  void pvGuestsSwitchTsByHypercallAndOthersByCr0Writes() {
    // CR_WRITE with aux 3 is the CR3 load of a context switch: native and HVM kernels load it with mov.
    RecordingSink pv = Runs.run(Runs.scenario("{}", "machine.hypervisor=xen-pv"));
    assertEquals(0, pv.count(EventKind.CR_WRITE));
    assertTrue(pv.events.stream().filter(e -> e.kind() == EventKind.HYPERCALL).allMatch(e -> e.value() == 5 && e.ts() == (e.aux() == 1)));
    RecordingSink hvm = Runs.run(Runs.scenario("{}", "machine.hypervisor=xen-hvm"));
    assertEquals(0, hvm.count(EventKind.HYPERCALL));
    assertTrue(hvm.events.stream().filter(e -> e.kind() == EventKind.CR_WRITE && e.aux() == 0).allMatch(e -> e.ts() == ((e.value() & 8) != 0)));
    assertTrue(hvm.events.stream().filter(e -> e.kind() == EventKind.CR_WRITE).allMatch(e -> e.aux() == 0 || e.aux() == 3));
    assertTrue(hvm.count(EventKind.CR_WRITE) > 0);
  }

  @Test
  void konradSttsKeepsTsSetWhileTheAllocationSleeps() {
    RecordingSink run = Runs.run(Runs.scenario("{}", "machine.patches=konrad-stts", "guest.allocSleepProbability=1"));
    List<RecordingSink.Event> sleeps = run.events.stream().filter(e -> e.kind() == EventKind.ALLOC_SLEEP).toList();
    assertFalse(sleeps.isEmpty());
    assertTrue(sleeps.stream().allMatch(RecordingSink.Event::ts), "TS set at every sleeping allocation");
  }

  @Test
  void withoutThePatchTheAllocationSleepsWithTsClear() {
    RecordingSink run = Runs.run(Runs.scenario("{}", "guest.allocSleepProbability=1"));
    assertTrue(run.events.stream().filter(e -> e.kind() == EventKind.ALLOC_SLEEP).noneMatch(RecordingSink.Event::ts));
  }

  @Test
  void noLeakWhenTheAllocationNeverSleeps() {
    for (int seed = 1; seed <= 10; seed++) {
      RecordingSink run = Runs.run(Runs.scenario("{}", "seed=" + seed, "guest.allocSleepProbability=0"));
      assertEquals(0, run.corruptedReads(), "seed " + seed);
      assertEquals(0, run.count(EventKind.ALLOC_SLEEP));
    }
  }

  @Test
  void longLivedFpuTasksArePreloadedOnceTheirCounterPassesFive() {
    RecordingSink run = Runs.run(Runs.scenario("{\"workload\": {\"name\": \"fpu-mixed\", \"churnLoops\": 0}}", "seed=3"));
    long preloads = run.events.stream().filter(e -> e.kind() == EventKind.FPU_RESTORE && e.aux() == 1).count();
    assertTrue(preloads > 0, "preloads happen");
    RecordingSink xenolinux =
        Runs.run(Runs.scenario("{\"workload\": {\"name\": \"fpu-mixed\", \"churnLoops\": 0}}", "seed=3", "machine.kernel=xenolinux"));
    assertEquals(0, xenolinux.events.stream().filter(e -> e.kind() == EventKind.FPU_RESTORE && e.aux() == 1).count(), "XenoLinux has no preload");
  }

  @Test
  void eagerFpuRestoresAtEverySwitchIntoAnFpuTask() {
    RecordingSink run = Runs.run(Runs.scenario("{}", "machine.kernel=linux-4.2", "machine.eagerfpu=true"));
    assertEquals(0, run.count(EventKind.NM_RAISE));
    assertTrue(run.events.stream().filter(e -> e.kind() == EventKind.FPU_RESTORE).allMatch(e -> e.aux() == 1));
  }

  @Test
  void everyTrapIsReportedOnceInRaiseOrderWithItsDelivery() {
    RecordingSink run = Runs.run(Runs.scenario("{}", "machine.vcpus=2", "workload.loops=4"));
    assertEquals(run.count(EventKind.NM_RAISE), run.traps.size());
    for (int index = 0; index < run.traps.size(); index++) {
      TrapRecord trap = run.traps.get(index);
      assertEquals(index, trap.trapId());
      assertEquals(TrapOutcome.DELIVERED, trap.outcome());
      assertEquals(EventKind.NM_RAISE, run.events.get((int) trap.raisedSeq()).kind());
      assertEquals(EventKind.NM_ENTER, run.events.get((int) trap.deliveredSeq()).kind());
    }
  }

  @Test
  void aRunCutAtMaxEventsStopsExactlyThereWithOpenTrapsPending() {
    RecordingSink run = Runs.run(Runs.scenario("{}", "limits.maxEvents=1000"));
    assertEquals(EndReason.MAX_EVENTS, run.result.endReason());
    assertEquals(1000, run.events.size());
    assertFalse(run.result.workloadFinished());
    assertTrue(run.traps.stream().allMatch(t -> t.outcome() == TrapOutcome.DELIVERED || t.outcome() == TrapOutcome.PENDING_AT_END));
  }

  @Test
  void seqIsDenseAndTicksNeverGoBack() {
    RecordingSink run = Runs.run(Runs.scenario("{}", "machine.vcpus=3", "workload.loops=5"));
    for (int index = 0; index < run.events.size(); index++) {
      assertEquals(index, run.events.get(index).seq());
      if (index > 0) {
        assertTrue(run.events.get(index).tick() >= run.events.get(index - 1).tick());
      }
    }
  }

  @Test
  void fpuCounterWrapsAtTwoHundredFiftySix() {
    Task task = new Task(0, null, null, 0);
    for (int restores = 0; restores < 256; restores++) {
      task.fpuCounter = (task.fpuCounter + 1) & 0xFF;
    }
    assertEquals(0, task.fpuCounter, "an unsigned char, as in Linux");
  }
}
