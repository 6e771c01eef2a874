/**
 * Scenarios: the machine, guest, workload and limits of one run, read from JSON.
 *
 * <p>A scenario file names only what differs from the defaults; {@link
 * io.trapscope.model.scenario.ScenarioCodec} fills in the rest, applies {@code --set} overrides, and
 * rejects unknown fields and bad values with the field's path. Parsing works on strings and trees: this
 * package does no I/O. The defaults are defined here once, for the emulator, the analyzer's description of
 * a traced machine ({@link io.trapscope.model.scenario.MachineDescription}) and the docs, which a test holds
 * to them.
 */
package io.trapscope.model.scenario;

