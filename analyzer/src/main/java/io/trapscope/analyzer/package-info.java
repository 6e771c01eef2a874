/**
 * Analysis: rules over trace files, streaming, that flag TS-state violations and lost or colliding trap
 * injections with their evidence and the known fix. It sees only the trace, never the emulator.
 */
package io.trapscope.analyzer;
