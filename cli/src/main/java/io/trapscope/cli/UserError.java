package io.trapscope.cli;

/** A problem with what the user gave us, reported as one line with exit code {@link ExitCodes#BAD_INPUT}. */
final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserError(String message) {
    super(message);
  }

  UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
