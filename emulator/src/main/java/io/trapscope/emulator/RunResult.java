package io.trapscope.emulator;

/**
 * How a run ended.
 *
 * @param endReason why it stopped
 * @param events events emitted
 * @param ticks emulated time at the end
 * @param tasksCreated tasks created over the run
 * @param workloadFinished whether every task exited
 */
public record RunResult(EndReason endReason, long events, long ticks, long tasksCreated, boolean workloadFinished) {}
