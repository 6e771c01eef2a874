/**
 * Every nondeterministic decision of a run, and where its answers come from.
 *
 * <p>A choice is keyed by (point, vCPU, task, ordinal), the ordinal counting how often that point was asked
 * for that task (or that vCPU, for vCPU-wide points). A recording draws answers from a seeded generator; a
 * replay answers from the recorded log; a counterfactual replay matches the log by key.
 */
package io.trapscope.emulator.choice;
