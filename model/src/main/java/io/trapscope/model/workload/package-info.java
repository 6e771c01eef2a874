/**
 * Workloads: the user programs guest tasks run, built from a scenario's workload section.
 *
 * <p>A program is a short body of operations repeated a fixed number of times, so that a task's program
 * costs memory in its body's length, not in its run's.
 */
package io.trapscope.model.workload;

