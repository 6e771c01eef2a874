/**
 * Replay: re-executes a trace's recorded choices against the emulator and compares every event and trap
 * with the recorded ones, reporting the first divergence the way rr does; and counterfactual replay, the
 * same choices against a changed scenario, to show what a fix changes.
 *
 * <p>Choices are matched by key (point, vCPU, task, ordinal) within a bounded window of the log; events and
 * traps are compared as they stream past. Memory is bounded whatever the trace's length.
 */
package io.trapscope.replayer;
