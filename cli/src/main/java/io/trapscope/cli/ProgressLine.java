package io.trapscope.cli;

import io.trapscope.recorder.ProgressListener;
import java.io.PrintWriter;

/**
 * A single self-overwriting progress line on standard error, shown only on a terminal and only once the
 * work has taken longer than {@link #QUIET_NANOS}, so short runs and pipelines stay clean.
 */
final class ProgressLine implements ProgressListener, AutoCloseable {
  static final long QUIET_NANOS = 2_000_000_000L;
  private static final long REFRESH_NANOS = 250_000_000L;

  private final PrintWriter err;
  private final String label;
  private final boolean enabled;
  private final long started = System.nanoTime();
  private long lastDrawn;
  private boolean drawn;

  ProgressLine(PrintWriter err, String label, boolean enabled) {
    this.err = err;
    this.label = label;
    this.enabled = enabled;
  }

  /** A progress line that draws only if standard error is a terminal. */
  static ProgressLine forStandardError(PrintWriter err, String label) {
    return new ProgressLine(err, label, standardErrorIsTerminal());
  }

  /** The launcher tells us whether fd 2 is a terminal; without it, fall back to the console check. */
  static boolean standardErrorIsTerminal() {
    String told = System.getProperty("trapscope.stderr.tty");
    if (told != null) {
      return told.equals("1") || told.equals("true");
    }
    return System.console() != null;
  }

  @Override
  public void progress(long events, long ticks) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    long elapsed = now - started;
    if (elapsed < QUIET_NANOS || now - lastDrawn < REFRESH_NANOS) {
      return;
    }
    lastDrawn = now;
    drawn = true;
    double seconds = elapsed / 1e9;
    String tick = ticks > 0 ? String.format(", tick %,d", ticks) : "";
    err.printf("\r%s: %,d events (%.1f M/s)%s, %.0f s\u001b[K", label, events, events / seconds / 1e6, tick, seconds);
    err.flush();
  }

  @Override
  public void close() {
    if (drawn) {
      err.print("\r\u001b[K");
      err.flush();
    }
  }
}
