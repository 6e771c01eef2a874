/**
 * The deterministic machine model of MODEL.md: vCPUs, a guest kernel with a scheduler and lazy FPU
 * switching, and the hypervisor under it.
 *
 * <p>A {@link io.trapscope.emulator.Machine} talks to the outside through two small interfaces only: it
 * asks a {@link io.trapscope.emulator.choice.ChoiceSource} for every nondeterministic decision and tells an
 * {@link io.trapscope.emulator.EventSink} everything that happens. It reads no clock, starts no thread and
 * does no I/O, so a run is a pure function of its scenario and its choices.
 *
 * <p>Inside, the models reach the machine only through {@code MachineServices} (events, choices, time, the
 * trap table, run control), never through the {@code Machine} itself. The guest kernel's lazy FPU is part
 * of every machine and is called directly, since it runs on every context switch. A hypervisor feature
 * (memory events and trap injection, for one) is a {@code Feature}: hooks the machine calls at fixed points
 * of each tick, in the order the {@code Features} registry lists them; that registry decides from the
 * scenario which features a machine gets, so adding one is its class and one constant. Nothing here
 * iterates a hash-ordered collection: features, run queue and sleepers have a fixed order.
 */
package io.trapscope.emulator;

