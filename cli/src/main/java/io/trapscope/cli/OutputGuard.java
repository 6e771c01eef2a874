package io.trapscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** Refuses, before anything is written, an output that would replace or land inside an input, or a device. */
final class OutputGuard {
  /** The name that stands for standard output where a command writes a report. */
  static final String STANDARD_OUTPUT = "-";

  private OutputGuard() {}

  /**
   * The trace directory {@code given} names, as the reader takes it: the directory holding the file named
   * (its manifest, say), else the name itself; a name that is nothing yet is left to the reader to refuse.
   */
  static Path traceDirectory(Path given) {
    Path absolute = given.toAbsolutePath();
    return Files.isRegularFile(absolute) && absolute.getParent() != null ? absolute.getParent() : absolute;
  }

  /**
   * {@code path} as the file system resolves it: the real path of its longest existing prefix, so that a
   * link or "..", in the name or in a parent, cannot hide that two names are one place.
   */
  static Path real(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
    } catch (IOException e) {
      return absolute;
    }
  }

  /** Refuses {@code output} if it is, or lies inside, one of the trace directories {@code inputs}. */
  static void refuseInsideInputs(Path output, String option, List<Path> inputs) {
    Path target = real(output);
    for (Path input : inputs) {
      Path trace = real(traceDirectory(input));
      if (target.equals(trace)) {
        throw new UserError(output + ": " + option + " is the input trace " + input + "; writing there would destroy it");
      }
      if (target.startsWith(trace)) {
        throw new UserError(output + ": " + option + " lies inside the input trace " + input + "; writing there would damage it");
      }
    }
  }

  /**
   * Refuses a directory output {@code output} that is an input trace, lies inside one, or holds one: with
   * --force it would be replaced, and the input with it.
   */
  static void refuseOverInputs(Path output, String option, List<Path> inputs) {
    refuseInsideInputs(output, option, inputs);
    Path target = real(output);
    for (Path input : inputs) {
      if (real(traceDirectory(input)).startsWith(target)) {
        throw new UserError(output + ": " + option + " holds the input trace " + input + "; replacing it would destroy the input");
      }
    }
  }

  /**
   * Refuses an output that exists and is not a regular file: renaming over a device, a FIFO or a link would
   * replace it with a plain file (as root, {@code /dev/null} itself).
   */
  static void refuseNonRegular(Path output, String option) throws IOException {
    Path absolute = output.toAbsolutePath();
    if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    BasicFileAttributes attributes = Files.readAttributes(absolute, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attributes.isDirectory()) {
      throw new UserError(output + ": " + option + " is a directory; expected a file name");
    }
    if (!attributes.isRegularFile()) {
      String kind = attributes.isSymbolicLink() ? "a symbolic link" : "not a regular file (a device, a FIFO or a socket)";
      throw new UserError(output + ": " + option + " is " + kind + "; refusing to replace it");
    }
  }
}
