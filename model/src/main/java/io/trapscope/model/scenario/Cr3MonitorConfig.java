package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trapscope.model.workload.Operation;
import io.trapscope.model.workload.Program;
import io.trapscope.model.workload.Programs;
import io.trapscope.model.workload.Workload;
import java.util.List;

/**
 * Heavy context switching between short-lived processes, each with its own address space, so that CR3
 * changes at almost every switch; each process also flushes its TLB by reloading CR3 with the same value,
 * and may flush global pages by toggling CR4.PGE.
 *
 * @param name always {@code cr3-monitor}
 * @param loops concurrent shell loops
 * @param processes processes each loop starts
 * @param syscalls system calls each process makes
 * @param flushes TLB flushes ({@code mprotect}: CR3 reloaded unchanged) each process makes
 * @param globalFlushes global TLB flushes (CR4.PGE cleared and set again) each process makes
 * @param syscallBlockProbability the chance that a system call blocks
 * @param syscallBlockTicksMin shortest block
 * @param syscallBlockTicksMax longest block
 */
@JsonPropertyOrder({
  "name", "loops", "processes", "syscalls", "flushes", "globalFlushes",
  "syscallBlockProbability", "syscallBlockTicksMin", "syscallBlockTicksMax"
})
public record Cr3MonitorConfig(
    String name,
    int loops,
    int processes,
    int syscalls,
    int flushes,
    int globalFlushes,
    double syscallBlockProbability,
    long syscallBlockTicksMin,
    long syscallBlockTicksMax)
    implements WorkloadConfig {
  public static final String NAME = "cr3-monitor";

  static Cr3MonitorConfig defaults() {
    return new Cr3MonitorConfig(NAME, 4, 50, 3, 2, 0, 0.5, 1, 4);
  }

  @Override
  public boolean needsHvm() {
    return true;
  }

  @Override
  public String summary() {
    return "short-lived processes, each with its own address space, that switch CR3 often and flush their TLBs";
  }

  @Override
  public void validate(Checker check) {
    check.range(loops, 1, Checker.LOOPS_MAX, "workload.loops");
    check.range(processes, 1, Checker.PROCESSES_MAX, "workload.processes");
    check.range(syscalls, 0, Checker.OPERATIONS_MAX, "workload.syscalls");
    check.range(flushes, 0, Checker.OPERATIONS_MAX, "workload.flushes");
    check.range(globalFlushes, 0, Checker.OPERATIONS_MAX, "workload.globalFlushes");
    check.syscallBlocks(syscallBlockProbability, syscallBlockTicksMin, syscallBlockTicksMax);
  }

  @Override
  public Workload build() {
    Program process =
        new Program.Builder("proc")
            .add(Operation.SYSCALL, Programs.SYSCALL_BRK)
            .times(Operation.TLB_FLUSH, 0, flushes)
            .times(Operation.GLOBAL_FLUSH, 0, globalFlushes)
            .times(Operation.SYSCALL, Programs.SYSCALL_GETPPID, syscalls)
            .repeat(1);
    return new Workload(
        List.of(Programs.shellLoop(1, processes), process),
        Programs.copies(0, loops),
        syscallBlockProbability,
        syscallBlockTicksMin,
        syscallBlockTicksMax);
  }
}
