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
    super(oneLine(file + ": " + detail));
    this.file = file;
  }

  public TraceFormatException(Path file, String detail, Throwable cause) {
    super(oneLine(file + ": " + detail), cause);
    this.file = file;
  }

  /**
   * Escapes line breaks and other control characters: details quote untrusted files (a manifest's strings,
   * a footer's schema), which could otherwise break the message over lines or into terminal escapes.
   */
  private static String oneLine(String message) {
    StringBuilder escaped = null;
    for (int index = 0; index < message.length(); index++) {
      char c = message.charAt(index);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (control && escaped == null) {
        escaped = new StringBuilder(message.length() + 16).append(message, 0, index);
      }
      if (escaped == null) {
        continue;
      }
      if (c == '\n') {
        escaped.append("\\n");
      } else if (c == '\r') {
        escaped.append("\\r");
      } else if (control) {
        escaped.append(String.format("\\u%04x", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped == null ? message : escaped.toString();
  }

  /** The file the problem is in. */
  public Path file() {
    return file;
  }
}
