/**
 * The deterministic machine model of MODEL.md: vCPUs, a guest kernel with a scheduler and lazy FPU
 * switching, and the hypervisor under it.
 *
 * <p>A {@link io.trapscope.emulator.Machine} talks to the outside through two small interfaces only: it
 * asks a {@link io.trapscope.emulator.choice.ChoiceSource} for every nondeterministic decision and tells an
 * {@link io.trapscope.emulator.EventSink} everything that happens. It reads no clock, starts no thread and
 * does no I/O, so a run is a pure function of its scenario and its choices.
 */
package io.trapscope.emulator;
