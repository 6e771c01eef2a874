package io.trapscope.cli;

import io.trapscope.formats.Manifest;
import io.trapscope.recorder.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the tool, the trace schema it writes, and the JVM. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "trapscope " + Version.current(),
      "trace schema " + Manifest.SCHEMA_VERSION,
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
