package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

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
}
