package io.trapscope.emulator;

/** Unwinds a run from wherever a limit or a crash stops it; carries no stack trace. */
final class RunStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final RunStopped INSTANCE = new RunStopped();

  private RunStopped() {
    super("run stopped", null, false, false);
  }
}
