package io.trapscope.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.RestoreWhere;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The FPU half of a context switch per kernel (MODEL.md section 5): the TS writes of a switch from an FPU
 * holder to a preloaded task, 3.x's lazy restore, and the second leak path the lazy restore opens.
 */
class LazyFpuSwitchTest {
  /** Long-lived FPU tasks, preloaded once their counter passes 5, beside a loop of fresh FPU processes. */
  private static final String MIXED = "{\"workload\": {\"name\": \"fpu-mixed\", \"churnLoops\": 1, \"churnProcesses\": 20}}";

  /** A TASK_SWITCH with the events of its FPU half: those of the same step just before and just after it. */
  record Switch(RecordingSink.Event save, List<RecordingSink.Event> tsWrites, RecordingSink.Event taskSwitch, RecordingSink.Event restore) {
    boolean fromHolder() {
      return save != null;
    }

    boolean preloads() {
      return restore != null && restore.aux() == RestoreWhere.PRELOAD.code();
    }

    /** TS was cleared at the switch but nothing was loaded: 3.x skipped the preloaded task's restore. */
    boolean skipsRestore() {
      return !fromHolder() && !tsWrites.isEmpty() && !taskSwitch.ts() && !preloads();
    }
  }

  /** Every switch into a task, with the FPU events the switch emitted on its vCPU around it. */
  static List<Switch> switches(RecordingSink run) {
    List<Switch> switches = new ArrayList<>();
    List<RecordingSink.Event> events = run.events;
    for (int index = 0; index < events.size(); index++) {
      RecordingSink.Event event = events.get(index);
      if (event.kind() != EventKind.TASK_SWITCH || event.task() < 0) {
        continue;
      }
      List<RecordingSink.Event> tsWrites = new ArrayList<>();
      RecordingSink.Event save = null;
      for (int back = index - 1; back >= 0 && events.get(back).vcpu() == event.vcpu(); back--) {
        RecordingSink.Event before = events.get(back);
        if (isTsWrite(before)) {
          tsWrites.add(0, before);
        } else if (before.kind() == EventKind.FPU_SAVE && before.task() == event.value()) {
          save = before;
          break;
        } else {
          break;
        }
      }
      RecordingSink.Event after = index + 1 < events.size() ? events.get(index + 1) : null;
      boolean restores = after != null && after.kind() == EventKind.FPU_RESTORE && after.task() == event.task();
      switches.add(new Switch(save, tsWrites, event, restores ? after : null));
    }
    return switches;
  }

  /** {@code stts()} or {@code clts()}: the fpu_taskswitch hypercall under PV, a CR0 write otherwise. */
  static boolean isTsWrite(RecordingSink.Event event) {
    return (event.kind() == EventKind.HYPERCALL && event.value() == 5) || (event.kind() == EventKind.CR_WRITE && event.aux() == 0);
  }

  private static List<Switch> holderToPreloaded(RecordingSink run) {
    return switches(run).stream().filter(Switch::fromHolder).filter(Switch::preloads).toList();
  }

  @Test
  void aSwitchFromAHolderToAPreloadedTaskWritesTsTwiceOn2632AndNotAtAllOn311UnderPv() {
    // Linux 2.6.32 source: arch/x86/include/asm/i387.h 271-277, __unlazy_fpu calls stts() after saving a
    // TS_USEDFPU task; arch/x86/kernel/process_64.c 431-432, __switch_to then calls clts() if preload_fpu.
    // Under Xen PV both are fpu_taskswitch hypercalls (Xen do_fpu_taskswitch). Linux 3.11.1 source:
    // arch/x86/include/asm/fpu-internal.h, switch_fpu_prepare, "Don't change CR0.TS if we just switch!",
    // and stts() when the next task is not preloaded.
    List<Switch> found = holderToPreloaded(Runs.run(Runs.scenario(MIXED, "seed=3", "machine.kernel=linux-2.6.32")));
    assertFalse(found.isEmpty(), "a holder switches to a preloaded task");
    for (Switch each : found) {
      assertEquals(2, each.tsWrites().size(), each.toString());
      assertTrue(each.tsWrites().stream().allMatch(e -> e.kind() == EventKind.HYPERCALL), each.toString());
      assertEquals(List.of(1L, 0L), each.tsWrites().stream().map(RecordingSink.Event::aux).toList(), "stts then clts");
    }
    RecordingSink newer = Runs.run(Runs.scenario(MIXED, "seed=3", "machine.kernel=linux-3.11"));
    List<Switch> preloaded = holderToPreloaded(newer);
    assertFalse(preloaded.isEmpty(), "a holder switches to a preloaded task");
    assertTrue(preloaded.stream().allMatch(each -> each.tsWrites().isEmpty()), preloaded.toString());
    List<Switch> notPreloaded = switches(newer).stream().filter(Switch::fromHolder).filter(each -> each.restore() == null).toList();
    assertFalse(notPreloaded.isEmpty());
    for (Switch each : notPreloaded) {
      assertEquals(List.of(1L), each.tsWrites().stream().map(RecordingSink.Event::aux).toList(), each.toString());
    }
  }

  @Test
  void linux2632SetsThenClearsTsOnASwitchFromAHolderToAPreloadedTaskUnderHvm() {
    // Linux 2.6.32 source, as above: on HVM stts() and clts() are two CR0 writes (native_write_cr0).
    List<Switch> found =
        holderToPreloaded(Runs.run(Runs.scenario(MIXED, "seed=3", "machine.kernel=linux-2.6.32", "machine.hypervisor=xen-hvm")));
    assertFalse(found.isEmpty(), "a holder switches to a preloaded task");
    for (Switch each : found) {
      assertEquals(2, each.tsWrites().size(), each.toString());
      assertTrue(each.tsWrites().stream().allMatch(e -> e.kind() == EventKind.CR_WRITE), each.toString());
      assertEquals(List.of(true, false), each.tsWrites().stream().map(e -> (e.value() & Vcpu.CR0_TS) != 0).toList(), "stts then clts");
    }
  }

  @Test
  void linux311SkipsTheRestoreOfAPreloadedOwnerThatLastHeldTheFpuOnThisVcpu() {
    // Linux 3.11.1 source: fpu-internal.h 412-416, fpu_lazy_restore returns new == fpu_owner_task &&
    // cpu == new->thread.fpu.last_cpu; at 446-447 the preload is then dropped, so switch_fpu_finish
    // (462-467) restores nothing. Without an interloper (no allocation sleeps) the registers do hold the
    // task's state, so the skip is safe and nothing leaks.
    RecordingSink run = Runs.run(Runs.scenario(MIXED, "seed=3", "machine.kernel=linux-3.11", "guest.allocSleepProbability=0"));
    List<Switch> skips = switches(run).stream().filter(Switch::skipsRestore).toList();
    assertFalse(skips.isEmpty(), "some preloaded owners come back to their vCPU");
    for (Switch skip : skips) {
      assertEquals(skip.taskSwitch().task(), skip.taskSwitch().fpuOwner(), "the registers still hold its data: " + skip);
    }
    assertEquals(0, run.corruptedReads());
    RecordingSink old = Runs.run(Runs.scenario(MIXED, "seed=3", "machine.kernel=linux-2.6.32", "guest.allocSleepProbability=0"));
    assertEquals(0, switches(old).stream().filter(Switch::skipsRestore).count(), "2.6.32 has no lazy restore");
  }

  /** A read of a preloaded task after a switch that skipped its restore, of data some other task wrote. */
  record SkipLeak(int switchIndex, Switch skip, RecordingSink.Event read, int readIndex) {}

  /** The first read through a skipped restore of another task's data, or null. */
  static SkipLeak skipLeak(RecordingSink run) {
    List<RecordingSink.Event> events = run.events;
    int switchIndex = -1;
    for (int index = 0; index < events.size(); index++) {
      RecordingSink.Event event = events.get(index);
      if (event.kind() != EventKind.TASK_SWITCH) {
        continue;
      }
      switchIndex++;
      if (event.task() < 0) {
        continue;
      }
      Switch skip = switchAt(run, index);
      if (!skip.skipsRestore()) {
        continue;
      }
      for (int later = index + 1; later < events.size(); later++) {
        RecordingSink.Event next = events.get(later);
        if (next.vcpu() != event.vcpu()) {
          continue;
        }
        boolean ownLoad = next.task() == event.task() && (next.kind() == EventKind.FPU_WRITE || next.kind() == EventKind.FPU_RESTORE);
        if (next.kind() == EventKind.TASK_SWITCH || ownLoad) {
          break;
        }
        if (next.kind() == EventKind.FPU_READ && next.task() == event.task()) {
          if (next.fpuOwner() != event.task() && next.fpuOwner() >= 0) {
            return new SkipLeak(switchIndex, skip, next, readOrdinal(run, later));
          }
          break;
        }
      }
    }
    return null;
  }

  private static Switch switchAt(RecordingSink run, int index) {
    return switches(run).stream().filter(each -> each.taskSwitch() == run.events.get(index)).findFirst().orElseThrow();
  }

  /** How many reads of the same task come before the read at {@code index}: its position among them. */
  private static int readOrdinal(RecordingSink run, int index) {
    RecordingSink.Event read = run.events.get(index);
    int ordinal = 0;
    for (int before = 0; before < index; before++) {
      RecordingSink.Event event = run.events.get(before);
      if (event.kind() == EventKind.FPU_READ && event.task() == read.task()) {
        ordinal++;
      }
    }
    return ordinal;
  }

  @Test
  void onLinux311APreloadedOwnerReadsAnInterlopersDataThroughTheSkippedRestoreAndOn2632ItIsRestored() {
    // Linux 3.11.1 source: fpu-internal.h 432, "But leave fpu_owner_task!" when the holder is switched out,
    // and 412-416, fpu_lazy_restore; the interloper that wrote the registers with TS clear (MODEL.md
    // section 5) never became fpu_owner_task, so the owner's restore is skipped. Linux 2.6.32 source:
    // process_64.c 496-497, __math_state_restore at every preload; it has no fpu_owner_task.
    int seed = 0;
    SkipLeak leak = null;
    for (int candidate = 1; candidate <= 20 && leak == null; candidate++) {
      leak = skipLeak(Runs.run(Runs.scenario(MIXED, "seed=" + candidate, "machine.kernel=linux-3.11")));
      seed = candidate;
    }
    assertNotNull(leak, "some seed of 1 to 20 reads through a skipped restore");
    int task = leak.skip().taskSwitch().task();
    RecordingSink newer = Runs.run(Runs.scenario(MIXED, "seed=" + seed, "machine.kernel=linux-3.11"));
    RecordingSink older = Runs.run(Runs.scenario(MIXED, "seed=" + seed, "machine.kernel=linux-2.6.32"));
    assertEquals(choicesOf(newer), choicesOf(older), "seed " + seed + ": the two kernels make the same choices");
    Switch same = switches(older).get(leak.switchIndex());
    assertEquals(task, same.taskSwitch().task(), "seed " + seed);
    assertTrue(same.preloads(), "seed " + seed + ": 2.6.32 restores at that switch: " + same);
    RecordingSink.Event read =
        older.events.stream().filter(e -> e.kind() == EventKind.FPU_READ && e.task() == task).skip(leak.readIndex()).findFirst().orElseThrow();
    assertEquals(task, read.fpuOwner(), "seed " + seed + ": the same read on 2.6.32 sees the task's own data: " + read);
    assertEquals(read.aux(), read.value(), "seed " + seed);
  }

  /** The run's choices without their seq, which the kernels' different event counts shift. */
  private static List<List<Long>> choicesOf(RecordingSink run) {
    return run.choices.stream()
        .map(c -> List.of((long) c.point().ordinal(), (long) c.vcpu(), (long) c.task(), c.ordinal(), c.value()))
        .toList();
  }
}
