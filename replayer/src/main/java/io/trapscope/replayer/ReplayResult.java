package io.trapscope.replayer;

/**
 * The outcome of replaying a trace exactly.
 *
 * @param trace the trace as named by the user
 * @param events events replayed and found identical
 * @param traps traps compared
 * @param choices recorded choices answered from the log
 * @param divergence where the replay first parted from the recording, or null if it never did
 */
public record ReplayResult(String trace, long events, long traps, long choices, Divergence divergence) {
  public boolean identical() {
    return divergence == null;
  }
}
