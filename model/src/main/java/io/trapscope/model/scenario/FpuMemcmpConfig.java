package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trapscope.model.workload.Programs;
import io.trapscope.model.workload.Workload;
import java.util.List;

/**
 * The seed's reproducer: {@code loops} shell loops, each starting {@code processes} fresh processes one
 * after another. Each process writes its own pattern through the FPU registers ({@code memset}), makes
 * {@code syscalls} system calls, and reads the pattern back ({@code memcmp}), {@code rounds} times; every
 * process is a new FPU user, so every one takes the first-use #NM path.
 *
 * @param name always {@code fpu-memcmp}
 * @param loops concurrent shell loops
 * @param processes processes each loop starts
 * @param rounds write, system calls, read: how many times per process
 * @param syscalls system calls between each write and its read
 * @param syscallBlockProbability the chance that one of those system calls blocks
 * @param syscallBlockTicksMin shortest block
 * @param syscallBlockTicksMax longest block
 */
@JsonPropertyOrder({
  "name", "loops", "processes", "rounds", "syscalls",
  "syscallBlockProbability", "syscallBlockTicksMin", "syscallBlockTicksMax"
})
public record FpuMemcmpConfig(
    String name,
    int loops,
    int processes,
    int rounds,
    int syscalls,
    double syscallBlockProbability,
    long syscallBlockTicksMin,
    long syscallBlockTicksMax)
    implements WorkloadConfig {
  public static final String NAME = "fpu-memcmp";

  static FpuMemcmpConfig defaults() {
    return new FpuMemcmpConfig(NAME, 2, 100, 1, 2, 0.3, 1, 20);
  }

  @Override
  public String summary() {
    return "the seed's reproducer: shell loops of fresh processes that write, make system calls and read back through the FPU";
  }

  @Override
  public void validate(Checker check) {
    check.range(loops, 1, Checker.LOOPS_MAX, "workload.loops");
    check.range(processes, 1, Checker.PROCESSES_MAX, "workload.processes");
    check.range(rounds, 1, Checker.ROUNDS_MAX, "workload.rounds");
    check.range(syscalls, 0, Checker.OPERATIONS_MAX, "workload.syscalls");
    check.syscallBlocks(syscallBlockProbability, syscallBlockTicksMin, syscallBlockTicksMax);
  }

  @Override
  public Workload build() {
    return new Workload(
        List.of(Programs.shellLoop(1, processes), Programs.memcmpProcess(rounds, syscalls)),
        Programs.copies(0, loops),
        syscallBlockProbability,
        syscallBlockTicksMin,
        syscallBlockTicksMax);
  }
}
