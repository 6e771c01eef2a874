package io.trapscope.formats;

import static io.trapscope.formats.TestData.assertCleanMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A trace's files are checked to be regular files within their bounds before a byte of them is read. */
class InputFileKindTest {
  @TempDir Path temp;
  private Path trace;
  private Path manifest;

  @BeforeEach
  void writeTrace() throws IOException {
    trace = temp.resolve("trace");
    manifest = trace.resolve(Manifest.FILE_NAME);
    TestData.writeTrace(
        trace,
        Map.of(Table.EVENTS, TestData.denseEvents(1, 100), Table.TRAPS, TestData.denseTraps(2, 10, 0.5)),
        Set.of(),
        WriterOptions.defaults(),
        100);
    TraceReader.open(trace);
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aManifestLinkedToDevZeroIsRefusedWithoutReadingIt() throws IOException {
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
    Files.delete(manifest);
    Files.createSymbolicLink(manifest, Path.of("/dev/zero"));
    assertCleanMessage(failure(), manifest, "symbolic link");
  }

  @Test
  void aManifestLinkedToARealManifestIsRefused() throws IOException {
    Path elsewhere = temp.resolve("elsewhere.json");
    Files.move(manifest, elsewhere);
    Files.createSymbolicLink(manifest, elsewhere);
    assertCleanMessage(failure(), manifest, "symbolic link");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aManifestThatIsAFifoIsRefusedWithoutOpeningIt() throws Exception {
    Files.delete(manifest);
    mkfifo(manifest);
    assertCleanMessage(failure(), manifest, "not a regular file");
  }

  @Test
  void aManifestThatIsADirectoryIsRefused() throws IOException {
    Files.delete(manifest);
    Files.createDirectory(manifest);
    assertCleanMessage(failure(), manifest, "is a directory");
  }

  @Test
  void aDataFileLinkedOutsideTheTraceIsRefused() throws IOException {
    Path events = trace.resolve("events.parquet");
    Path outside = temp.resolve("outside.parquet");
    Files.copy(events, outside, StandardCopyOption.COPY_ATTRIBUTES);
    Files.delete(events);
    Files.createSymbolicLink(events, outside);
    assertCleanMessage(failure(), events, "symbolic link");
    assertCleanMessage(assertThrows(TraceFormatException.class, () -> TraceReader.open(trace, false)), events, "symbolic link");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aDataFileThatIsAFifoIsRefusedWithoutOpeningIt() throws Exception {
    Path traps = trace.resolve("traps.parquet");
    Files.delete(traps);
    mkfifo(traps);
    assertCleanMessage(failure(), traps, "not a regular file");
  }

  private TraceFormatException failure() {
    return assertThrows(TraceFormatException.class, () -> TraceReader.open(trace));
  }

  /** Makes a FIFO at {@code path}, skipping the test where there is no mkfifo. */
  static void mkfifo(Path path) throws InterruptedException {
    int exit;
    try {
      Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
      exit = process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (IOException e) {
      exit = -1;
    }
    Assumptions.assumeTrue(exit == 0 && Files.exists(path), "mkfifo is not available");
  }
}
