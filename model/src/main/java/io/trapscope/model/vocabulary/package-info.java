/**
 * The trace vocabulary, defined once for the emulator, the analyzer and the docs: every event kind with
 * the family it belongs to and what its {@code task}, {@code value} and {@code aux} mean, and every code
 * those numbers carry (vectors, memory-event reasons, HVM parameters, pause, switch and wake reasons,
 * return codes, end reasons, trap types, sources and outcomes). Nothing here depends on the emulator or
 * the analyzer; a test holds docs/TRACE_FORMAT.md to it.
 */
package io.trapscope.model.vocabulary;
