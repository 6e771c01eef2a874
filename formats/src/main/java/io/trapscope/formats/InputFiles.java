package io.trapscope.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Checks an input file's kind and size before a byte of it is read. */
public final class InputFiles {
  private InputFiles() {}

  /**
   * What {@code path} is, without following a link, or a one-line reason it may not be read: a link could
   * lead out of the trace or to {@code /dev/zero}, a FIFO would block for ever, and a device has no size.
   *
   * @return null if {@code path} is a regular file of at most {@code maxBytes}, else the reason it is refused
   * @throws NoSuchFileException if nothing is there
   */
  public static String refusal(Path path, long maxBytes) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attributes.isSymbolicLink()) {
      return "is a symbolic link; expected a regular file";
    }
    if (attributes.isDirectory()) {
      return "is a directory; expected a regular file";
    }
    if (!attributes.isRegularFile()) {
      return "is not a regular file (a FIFO, a socket or a device)";
    }
    if (attributes.size() > maxBytes) {
      return attributes.size() + " bytes, more than " + maxBytes + " allowed";
    }
    return null;
  }

  /**
   * Reads a file already checked with {@link #refusal}, again refusing a link and at most {@code maxBytes}
   * bytes, so that a file swapped between the check and the read cannot make us hold more.
   *
   * @return the bytes, or null if the file grew past {@code maxBytes}
   */
  public static byte[] readBounded(Path path, long maxBytes) throws IOException {
    try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      return bytes.length > maxBytes ? null : bytes;
    }
  }
}
