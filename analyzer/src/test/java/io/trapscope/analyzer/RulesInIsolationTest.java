package io.trapscope.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.analyzer.engine.Event;
import io.trapscope.analyzer.lazyfpu.LazyFpuFamily;
import io.trapscope.analyzer.memoryevents.MemoryEventsFamily;
import io.trapscope.formats.Manifest;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.ScenarioCodec;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Family;
import io.trapscope.model.vocabulary.SwitchReason;
import io.trapscope.model.vocabulary.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A family, or one rule of it, tested on a handful of events built by hand: no scenario is run, no file read. */
class RulesInIsolationTest {
  /** Builds a run's events row by row, seq and tick counting up, as a trace would hold them. */
  private static final class Events {
    private final List<Event> events = new ArrayList<>();
    private boolean ts = true;
    private int fpuOwner = -1;

    Events add(int task, EventKind kind, long value, long aux) {
      Event event = new Event();
      event.seq = events.size();
      event.tick = events.size();
      event.vcpu = 0;
      event.task = task;
      event.kind = kind;
      event.kindName = kind.name();
      event.ts = ts;
      event.fpuOwner = fpuOwner;
      event.value = value;
      event.aux = aux;
      events.add(event);
      return this;
    }

    Events ts(boolean set) {
      ts = set;
      return this;
    }

    Events owner(int task) {
      fpuOwner = task;
      return this;
    }

    TraceAnalysis analyse(Scenario scenario, List<io.trapscope.analyzer.engine.BugFamily> families, String endReason) {
      RunAnalysis analysis = new RunAnalysis(scenario, AnalysisOptions.defaults(), FindingListener.NONE, families);
      events.forEach(analysis::accept);
      return analysis.finish("hand-built", 1, new Manifest.Run(endReason, events.size(), true), List.of(families.get(0).family()));
    }
  }

  private static long findings(TraceAnalysis analysis, String rule) {
    return analysis.rules().stream().filter(result -> result.id().equals(rule)).mapToLong(RuleResult::findings).sum();
  }

  @Test
  void aReadOfAnotherTasksRegistersIsALeak() {
    // Task 1 writes, task 2 runs with TS clear and writes over the registers without trapping, task 1 reads 2's data.
    TraceAnalysis analysis =
        new Events()
            .ts(false).owner(1).add(1, EventKind.FPU_WRITE, 1001, 0)
            .add(2, EventKind.TASK_SWITCH, 1, SwitchReason.PREEMPTED.code())
            .owner(2).add(2, EventKind.FPU_WRITE, 2001, 0)
            .add(1, EventKind.TASK_SWITCH, 2, SwitchReason.PREEMPTED.code())
            .add(1, EventKind.FPU_READ, 2001, 1001)
            .analyse(Scenario.defaults(), List.of(new LazyFpuFamily()), "COMPLETED");
    assertEquals(1, findings(analysis, "FPU_STATE_LEAK"), analysis.rules().toString());
    assertEquals(Verdict.FAIL, analysis.verdict());
    Finding leak = analysis.findings().stream().filter(finding -> finding.rule().equals("FPU_STATE_LEAK")).findFirst().orElseThrow();
    assertEquals(4, leak.lastSeq());
    assertTrue(leak.summary().contains("task 2's FPU data"), leak.summary());
    assertTrue(leak.fixes().stream().anyMatch(fix -> fix.id().equals("konrad-stts") && fix.applies()), leak.fixes().toString());
  }

  @Test
  void aReadOfItsOwnDataIsClean() {
    TraceAnalysis analysis =
        new Events()
            .ts(false).owner(1).add(1, EventKind.FPU_WRITE, 1001, 0)
            .add(1, EventKind.FPU_READ, 1001, 1001)
            .analyse(Scenario.defaults(), List.of(new LazyFpuFamily()), "COMPLETED");
    assertEquals(0, analysis.findingsTotal());
    // Silence means nothing for the rules whose kinds never occurred: no switch, no #NM.
    assertEquals(Verdict.UNKNOWN, analysis.verdict(), analysis.verdictReason());
    assertEquals("not applicable to this trace: TS_CLEAR_AT_SWITCH, NM_SCHED_WINDOW", analysis.verdictReason());
  }

  @Test
  void anInjectionCombinedWithAPendingFaultIsADoubleFault() {
    Scenario hvm =
        ScenarioCodec.parse(
            "{\"machine\": {\"hypervisor\": \"xen-hvm\", \"xen\": \"xen-4.1\", \"kernel\": \"linux-3.11\"},"
                + " \"workload\": {\"name\": \"int3-reinject\"}, \"introspection\": {\"int3\": {\"mode\": \"sync\"},"
                + " \"listener\": {\"connected\": true}}}",
            "test",
            List.of(),
            null);
    assertTrue(hvm.families().contains(Family.MEMORY_EVENTS));
    TraceAnalysis analysis =
        new Events()
            .add(1, EventKind.TRAP_RAISE, Vectors.PAGE_FAULT, 6)
            .add(1, EventKind.DELIVERY_FAULT, Vectors.PAGE_FAULT, 0)
            .add(1, EventKind.INJECT_REQUEST, Vectors.BREAKPOINT, 7)
            .add(1, EventKind.INJECT_ENTRY, Vectors.BREAKPOINT, 7)
            .add(1, EventKind.DOUBLE_FAULT, Vectors.PAGE_FAULT, Vectors.BREAKPOINT)
            .add(1, EventKind.TRAP_DELIVER, Vectors.DOUBLE_FAULT, 0)
            .add(1, EventKind.GUEST_PANIC, Vectors.DOUBLE_FAULT, 0)
            .analyse(hvm, List.of(new MemoryEventsFamily()), "GUEST_PANIC");
    assertEquals(1, findings(analysis, "INJ_DOUBLE_FAULT"), analysis.rules().toString());
    Finding collision = analysis.findings().stream().filter(finding -> finding.rule().equals("INJ_DOUBLE_FAULT")).findFirst().orElseThrow();
    assertTrue(collision.summary().contains("#BP") && collision.summary().contains("#PF"), collision.summary());
    assertTrue(collision.fixes().stream().anyMatch(fix -> fix.id().equals("xen-4.9-pending-check") && fix.applies()));
  }
}
