/**
 * Workloads: the user programs guest tasks run, built by each scenario workload configuration from its
 * own fields ({@link io.trapscope.model.scenario.WorkloadConfig#build()}).
 *
 * <p>A program is a short body of operations repeated a fixed number of times, so that a task's program
 * costs memory in its body's length, not in its run's. Building is a pure function of the configuration:
 * the same configuration always gives the same programs in the same order.
 */
package io.trapscope.model.workload;
