/**
 * The trace format: tables, columns, the manifest, and the readers and writers for a trace directory.
 *
 * <p>A trace is a directory holding {@code manifest.json} and one file per table and format. This package
 * knows columns and files, never what an event means: the emulator owns the vocabulary, the analyzer
 * interprets it. Every reader treats its input as untrusted and fails with a {@link
 * io.trapscope.formats.TraceFormatException} that names the file and what is wrong.
 */
package io.trapscope.formats;
