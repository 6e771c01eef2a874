/**
 * Recording: runs a scenario on the emulator and streams its events, traps and choices into a trace.
 *
 * <p>The machine runs on the caller's thread and fills column batches; one writer thread encodes them, so
 * that on two cores emulation and Parquet encoding overlap. Memory is a fixed number of batches and one
 * row group per file, whatever the run's length. Nothing here knows about rules or findings.
 */
package io.trapscope.recorder;
