package io.trapscope.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Output files, written under a hidden temporary name and renamed once complete. */
final class Outputs {
  private Outputs() {}

  static void write(Path target, String text) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      throw new UserError(target + ": is a directory; expected a file name");
    }
    OutputGuard.refuseNonRegular(target, "the output");
    Files.createDirectories(absolute.getParent());
    Path partial = absolute.resolveSibling("." + absolute.getFileName() + ".partial");
    try {
      Files.writeString(partial, text, StandardCharsets.UTF_8);
      Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
