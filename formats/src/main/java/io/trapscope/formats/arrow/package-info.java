/**
 * Arrow IPC files (the random-access "file" format) for the same tables, for tools that map Arrow
 * directly. Each batch becomes one record batch; strings are plain UTF-8 columns.
 */
package io.trapscope.formats.arrow;
