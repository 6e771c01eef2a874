package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trapscope.model.workload.Operation;
import io.trapscope.model.workload.Program;
import io.trapscope.model.workload.Programs;
import io.trapscope.model.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * Long-lived tasks that use the FPU in every time slice, so that their {@code fpu_counter} passes 5 and
 * the switch preloads them, beside shell loops that start short-lived FPU processes as fpu-memcmp does.
 *
 * @param name always {@code fpu-mixed}
 * @param tasks long-lived FPU tasks
 * @param iterations write, compute, system call, read: how many times per long-lived task
 * @param computeOps non-FPU operations between each write and its read
 * @param churnLoops shell loops starting short-lived FPU processes
 * @param churnProcesses processes each of those loops starts
 * @param syscallBlockProbability the chance that a system call blocks
 * @param syscallBlockTicksMin shortest block
 * @param syscallBlockTicksMax longest block
 */
@JsonPropertyOrder({
  "name", "tasks", "iterations", "computeOps", "churnLoops", "churnProcesses",
  "syscallBlockProbability", "syscallBlockTicksMin", "syscallBlockTicksMax"
})
public record FpuMixedConfig(
    String name,
    int tasks,
    int iterations,
    int computeOps,
    int churnLoops,
    int churnProcesses,
    double syscallBlockProbability,
    long syscallBlockTicksMin,
    long syscallBlockTicksMax)
    implements WorkloadConfig {
  public static final String NAME = "fpu-mixed";

  static FpuMixedConfig defaults() {
    return new FpuMixedConfig(NAME, 4, 200, 3, 1, 20, 0.2, 1, 10);
  }

  @Override
  public String summary() {
    return "long-lived FPU tasks that the context switch preloads, beside shell loops of fresh FPU processes";
  }

  @Override
  public void validate(Checker check) {
    check.range(tasks, 0, Checker.LOOPS_MAX, "workload.tasks");
    check.range(iterations, 1, Checker.ROUNDS_MAX, "workload.iterations");
    check.range(computeOps, 0, Checker.OPERATIONS_MAX, "workload.computeOps");
    check.range(churnLoops, 0, Checker.LOOPS_MAX, "workload.churnLoops");
    check.range(churnProcesses, 0, Checker.PROCESSES_MAX, "workload.churnProcesses");
    check.that(tasks + churnLoops >= 1, "workload.tasks", "the workload needs a task or a churn loop");
    check.syscallBlocks(syscallBlockProbability, syscallBlockTicksMin, syscallBlockTicksMax);
  }

  @Override
  public Workload build() {
    Program worker =
        new Program.Builder("fpu-worker")
            .add(Operation.FPU_WRITE)
            .times(Operation.COMPUTE, 0, computeOps)
            .add(Operation.SYSCALL, Programs.SYSCALL_GETPPID)
            .add(Operation.FPU_READ)
            .repeat(iterations);
    List<Program> programs = new ArrayList<>(List.of(worker));
    List<Integer> initial = Programs.copies(0, tasks);
    if (churnLoops > 0 && churnProcesses > 0) {
      programs.add(Programs.shellLoop(2, churnProcesses));
      programs.add(Programs.memcmpProcess(1, 1));
      initial.addAll(Programs.copies(1, churnLoops));
    }
    return new Workload(programs, initial, syscallBlockProbability, syscallBlockTicksMin, syscallBlockTicksMax);
  }
}
