/**
 * Analysis: the bug families of {@link io.trapscope.analyzer.Families} run over a run's events, streaming,
 * and flag TS-state violations and lost or colliding trap injections with their evidence and the known fix.
 * {@link io.trapscope.analyzer.Analyzer} feeds a trace's files to a {@link io.trapscope.analyzer.RunAnalysis};
 * anything else can feed it events from memory. It sees the trace and the shared model, never the emulator.
 */
package io.trapscope.analyzer;
