package io.trapscope.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Lists and reads the packaged sample scenarios. */
public final class Samples {
  private static final String PREFIX = "io/trapscope/samples/scenarios/";
  private static final String SUFFIX = ".json";

  private Samples() {}

  /** The sample names, sorted: file names without {@code .json}. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    try {
      URL location = Samples.class.getProtectionDomain().getCodeSource().getLocation();
      Path root = Path.of(location.toURI());
      if (Files.isDirectory(root)) {
        Path directory = root.resolve(PREFIX);
        if (Files.isDirectory(directory)) {
          try (Stream<Path> files = Files.list(directory)) {
            files.map(file -> file.getFileName().toString())
                .filter(name -> name.endsWith(SUFFIX))
                .forEach(name -> names.add(name.substring(0, name.length() - SUFFIX.length())));
          }
        }
      } else {
        try (JarFile jar = new JarFile(root.toFile())) {
          for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            String entry = entries.nextElement().getName();
            if (entry.startsWith(PREFIX) && entry.endsWith(SUFFIX) && entry.indexOf('/', PREFIX.length()) < 0) {
              names.add(entry.substring(PREFIX.length(), entry.length() - SUFFIX.length()));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the packaged samples", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the packaged samples", e);
    }
    names.sort(null);
    return names;
  }

  /** The JSON text of the sample called {@code name}, or null if there is none. */
  public static String read(String name) {
    if (!name.matches("[a-z0-9][a-z0-9.-]*")) {
      return null;
    }
    try (InputStream in = Samples.class.getClassLoader().getResourceAsStream(PREFIX + name + SUFFIX)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sample " + name, e);
    }
  }
}
