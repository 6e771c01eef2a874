package io.trapscope.emulator;

import io.trapscope.model.vocabulary.EndReason;

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
