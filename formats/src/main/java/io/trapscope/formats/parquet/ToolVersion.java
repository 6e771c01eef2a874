package io.trapscope.formats.parquet;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The trapscope version this module was built as, for the {@code created_by} of the files it writes. */
final class ToolVersion {
  /**
   * What a build without its filtered resource (an IDE that copies resources unfiltered) reports: a valid
   * semver, so that readers parsing {@code created_by} still can, and plainly not a release.
   */
  static final String UNKNOWN = "0.0.0";

  private static final String VERSION = load();

  private ToolVersion() {}

  /** The version, such as {@code 0.1.0}. */
  static String current() {
    return VERSION;
  }

  private static String load() {
    Properties properties = new Properties();
    try (InputStream in = ToolVersion.class.getResourceAsStream("tool-version.properties")) {
      if (in == null) {
        return UNKNOWN;
      }
      properties.load(in);
    } catch (IOException e) {
      return UNKNOWN;
    }
    String version = properties.getProperty("version", UNKNOWN).trim();
    // An unfiltered copy still holds the Maven placeholder.
    return version.isEmpty() || version.startsWith("${") ? UNKNOWN : version;
  }
}
