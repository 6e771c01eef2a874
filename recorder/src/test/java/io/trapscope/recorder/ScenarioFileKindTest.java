package io.trapscope.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.model.scenario.ScenarioCodec;
import io.trapscope.model.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A scenario file is checked to be a regular file within its bound before a byte of it is read. */
class ScenarioFileKindTest {
  @TempDir Path temp;

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aLinkToDevZeroIsRefusedWithoutReadingIt() throws IOException {
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
    Path link = temp.resolve("zero.json");
    Files.createSymbolicLink(link, Path.of("/dev/zero"));
    assertRefused(link, "symbolic link");
  }

  @Test
  void aLinkToAValidScenarioIsRefused() throws IOException {
    Path real = temp.resolve("real.json");
    Files.writeString(real, "{\"seed\": 3}");
    Path link = temp.resolve("link.json");
    Files.createSymbolicLink(link, real);
    assertRefused(link, "symbolic link");
    Path dangling = temp.resolve("dangling.json");
    Files.createSymbolicLink(dangling, temp.resolve("nowhere.json"));
    assertRefused(dangling, "symbolic link");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aFifoIsRefusedWithoutOpeningIt() throws Exception {
    Path fifo = temp.resolve("fifo.json");
    int exit;
    try {
      Process process = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
      exit = process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (IOException e) {
      exit = -1;
    }
    Assumptions.assumeTrue(exit == 0 && Files.exists(fifo), "mkfifo is not available");
    assertRefused(fifo, "not a regular file");
  }

  @Test
  void aDirectoryOrAnOversizedFileIsRefused() throws IOException {
    Path directory = Files.createDirectory(temp.resolve("dir.json"));
    assertRefused(directory, "is a directory");
    Path big = temp.resolve("big.json");
    Files.write(big, new byte[ScenarioCodec.SOURCE_CHARS_MAX + 1]);
    assertRefused(big, "more than " + ScenarioCodec.SOURCE_CHARS_MAX);
  }

  private static void assertRefused(Path path, String words) {
    ScenarioException error = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(path.toString(), List.of(), null));
    String message = error.getMessage();
    assertTrue(message.startsWith(path + ": ") && message.contains(words), message);
    assertEquals(1, message.lines().count(), "one line");
  }
}
