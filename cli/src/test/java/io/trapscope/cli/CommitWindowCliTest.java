package io.trapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the commands make of what a killed or concurrent recording leaves; the writer's own steps are tested in formats. */
class CommitWindowCliTest {
  @TempDir Path temp;

  @Test
  void anUnfinishedRecordingIsRefusedByEveryReaderInOneLine() throws IOException {
    Path trace = temp.resolve("t");
    assertEquals(0, Cli.run("record", "fpu-memcmp", "-o", trace.toString()).exitCode);
    // What a run killed after writing its manifest, before renaming its directory, leaves: every file checks.
    Path partial = temp.resolve(".u.partial");
    Files.move(trace, partial);
    for (String[] command :
        List.of(
            new String[] {"inspect", partial.toString()},
            new String[] {"analyze", partial.toString()},
            new String[] {"replay", partial.toString()},
            new String[] {"inspect", partial.resolve("manifest.json").toString()})) {
      assertOneLineError(Cli.run(command), ".u.partial: an unfinished recording");
    }

    // The next recording to the same target clears it.
    assertEquals(0, Cli.run("record", "fpu-memcmp", "-o", temp.resolve("u").toString()).exitCode);
    assertEquals(List.of("u"), names(temp));
  }

  @Test
  void aRecordingToATargetBeingWrittenIsRefusedInOneLine() throws IOException {
    Path trace = temp.resolve("t");
    Path lockFile = temp.resolve(".t.lock");
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      Cli refused = Cli.run("record", "fpu-memcmp", "-o", trace.toString(), "--force");
      assertOneLineError(refused, "t: is being written by another trapscope");
      assertFalse(Files.exists(trace));
      assertFalse(Files.exists(temp.resolve(".t.partial")));
    }
    assertEquals(0, Cli.run("record", "fpu-memcmp", "-o", trace.toString()).exitCode);
    assertEquals(List.of("t"), names(temp));
  }

  private static List<String> names(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
    }
  }

  private static void assertOneLineError(Cli run, String expected) {
    assertEquals(2, run.exitCode, run.toString());
    assertTrue(run.err.startsWith("trapscope: "), run.toString());
    assertTrue(run.err.contains(expected), () -> "expected '" + expected + "' in " + run);
    assertEquals(1, run.err.lines().count(), "one line: " + run.err);
    assertFalse(run.err.contains("\tat "), "no stack trace");
  }
}
