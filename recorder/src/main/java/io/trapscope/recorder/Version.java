package io.trapscope.recorder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The trapscope version, as built by Maven. */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  /** The version string, such as {@code 0.1.0}. */
  public static String current() {
    return VERSION;
  }

  private static String load() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties missing from the build");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }
}
