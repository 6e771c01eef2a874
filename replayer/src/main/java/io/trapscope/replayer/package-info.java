/**
 * Replay: re-executes a trace's recorded choices against the emulator, compares every event with the
 * recorded one, and replays the same choices against a changed scenario to show what a fix changes.
 */
package io.trapscope.replayer;
