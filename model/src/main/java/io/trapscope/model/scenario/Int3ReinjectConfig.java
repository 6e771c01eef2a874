package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

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

  static Int3ReinjectConfig defaults() {
    return new Int3ReinjectConfig(NAME, 2, 100, 1, 1, 2, 2, 0.2, 1, 10);
  }

  @Override
  public boolean needsHvm() {
    return true;
  }
}
