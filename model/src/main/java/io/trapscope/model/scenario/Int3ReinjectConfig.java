package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trapscope.model.workload.Operation;
import io.trapscope.model.workload.Program;
import io.trapscope.model.workload.Programs;
import io.trapscope.model.workload.Workload;
import java.util.List;

/**
 * Processes under a guest debugger beside an introspection agent: each iteration hits the debugger's own
 * INT3 breakpoints (which the agent must re-inject), touches fresh memory (a guest #PF whose delivery can
 * fault on the stack), and makes system calls (which pass the agent's breakpoints when it hooks them).
 *
 * @param name always {@code int3-reinject}
 * @param tasks debugged processes running at once
 * @param iterations how many times each runs its body
 * @param breakpoints the debugger's INT3s per iteration, each at its own address
 * @param touches fresh pages touched per iteration, each a #PF
 * @param syscalls system calls per iteration
 * @param computeOps user operations per iteration that touch nothing of interest
 * @param syscallBlockProbability the chance that a system call blocks
 * @param syscallBlockTicksMin shortest block
 * @param syscallBlockTicksMax longest block
 */
@JsonPropertyOrder({
  "name", "tasks", "iterations", "breakpoints", "touches", "syscalls", "computeOps",
  "syscallBlockProbability", "syscallBlockTicksMin", "syscallBlockTicksMax"
})
public record Int3ReinjectConfig(
    String name,
    int tasks,
    int iterations,
    int breakpoints,
    int touches,
    int syscalls,
    int computeOps,
    double syscallBlockProbability,
    long syscallBlockTicksMin,
    long syscallBlockTicksMax)
    implements WorkloadConfig {
  public static final String NAME = "int3-reinject";
  /** Where the debugged program's breakpoints are: its text segment, one every 64 bytes. */
  static final int BREAKPOINT_BASE = 0x0040_1000;
  static final int BREAKPOINT_STRIDE = 0x40;

  static Int3ReinjectConfig defaults() {
    return new Int3ReinjectConfig(NAME, 2, 100, 1, 1, 2, 2, 0.2, 1, 10);
  }

  @Override
  public boolean needsHvm() {
    return true;
  }

  @Override
  public String summary() {
    return "processes under a guest debugger whose INT3s an introspection agent re-injects, with page touches and system calls";
  }

  @Override
  public void validate(Checker check) {
    check.range(tasks, 1, Checker.LOOPS_MAX, "workload.tasks");
    check.range(iterations, 1, Checker.ROUNDS_MAX, "workload.iterations");
    check.range(breakpoints, 0, Checker.OPERATIONS_MAX, "workload.breakpoints");
    check.range(touches, 0, Checker.OPERATIONS_MAX, "workload.touches");
    check.range(syscalls, 0, Checker.OPERATIONS_MAX, "workload.syscalls");
    check.range(computeOps, 0, Checker.OPERATIONS_MAX, "workload.computeOps");
    check.that(
        breakpoints + touches + syscalls + computeOps >= 1,
        "workload.computeOps",
        "the body is empty: give it breakpoints, touches, syscalls or computeOps");
    check.syscallBlocks(syscallBlockProbability, syscallBlockTicksMin, syscallBlockTicksMax);
  }

  @Override
  public Workload build() {
    Program.Builder body = new Program.Builder("debuggee");
    int before = computeOps / 2;
    body.times(Operation.COMPUTE, 0, before);
    for (int index = 0; index < breakpoints; index++) {
      body.add(Operation.BREAKPOINT, BREAKPOINT_BASE + index * BREAKPOINT_STRIDE);
    }
    body.times(Operation.TOUCH, 0, touches);
    for (int index = 0; index < syscalls; index++) {
      body.add(Operation.SYSCALL, index % 2 == 0 ? Programs.SYSCALL_OPEN : Programs.SYSCALL_GETPPID);
    }
    body.times(Operation.COMPUTE, 0, computeOps - before);
    return new Workload(
        List.of(body.repeat(iterations)),
        Programs.copies(0, tasks),
        syscallBlockProbability,
        syscallBlockTicksMin,
        syscallBlockTicksMax);
  }
}
