package io.trapscope.formats;

import java.nio.file.Path;

/**
 * A trace file is missing, malformed, or not what its manifest says; the message is one line naming the
 * file and the problem, fit to show a user as is.
 */
public final class TraceFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public TraceFormatException(Path file, String detail) {
    super(file + ": " + detail);
    this.file = file;
  }

  public TraceFormatException(Path file, String detail, Throwable cause) {
    super(file + ": " + detail, cause);
    this.file = file;
  }

  /** The file the problem is in. */
  public Path file() {
    return file;
  }
}
