package io.trapscope.emulator;

/** Checks that stay on in production: a broken invariant stops the run instead of writing a wrong trace. */
final class Invariants {
  private Invariants() {}

  static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("machine invariant broken: " + what);
    }
  }

  /** As {@link #check(boolean, String)}, formatting {@code what} with {@code detail} only on failure. */
  static void check(boolean condition, String what, long detail) {
    if (!condition) {
      throw new IllegalStateException("machine invariant broken: " + String.format(what, detail));
    }
  }
}
