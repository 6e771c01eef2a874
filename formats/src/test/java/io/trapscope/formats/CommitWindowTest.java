package io.trapscope.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stops the writer at each step of its commit, as a kill would, and checks that the target holds the old
 * trace, the new one, or nothing that passes for a trace, and that the next run cleans up.
 */
class CommitWindowTest {
  private static final long OLD_SEED = 1;
  private static final long NEW_SEED = 2;
  private static final long NEXT_SEED = 3;

  /** Thrown by the fault hook: an Error, so that the writer skips the clean-up an exception gets. */
  private static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed(TraceWriter.CommitStep step) {
      super("killed at " + step);
    }
  }

  @TempDir Path directory;

  @AfterEach
  void unhook() {
    TraceWriter.faultHook = null;
  }

  @ParameterizedTest
  @EnumSource(TraceWriter.CommitStep.class)
  void aReplacingRunKilledAtAnyStepLeavesTheOldTraceTheNewOneOrNothingValid(TraceWriter.CommitStep step)
      throws IOException {
    Path target = directory.resolve("t");
    write(target, OLD_SEED, false);
    killAt(step, target, NEW_SEED, true);

    if (Files.exists(target)) {
      long seed = TraceReader.open(target).manifest().seed();
      assertTrue(seed == OLD_SEED || seed == NEW_SEED, "the target holds a trace of neither run: " + seed);
    }
    assertNoValidPartial(target);

    write(target, NEXT_SEED, true);
    assertEquals(NEXT_SEED, TraceReader.open(target).manifest().seed());
    assertOnlyTarget(target);
  }

  @ParameterizedTest
  @EnumSource(value = TraceWriter.CommitStep.class, names = "OLD_SET_ASIDE", mode = EnumSource.Mode.EXCLUDE)
  void aFirstRunKilledAtAnyStepLeavesTheNewTraceOrNothingValid(TraceWriter.CommitStep step) throws IOException {
    Path target = directory.resolve("t");
    killAt(step, target, NEW_SEED, false);

    if (step == TraceWriter.CommitStep.MOVED_IN) {
      assertEquals(NEW_SEED, TraceReader.open(target).manifest().seed());
    } else {
      assertFalse(Files.exists(target), "a target appeared before the commit");
    }
    assertNoValidPartial(target);

    write(target, NEXT_SEED, true);
    assertEquals(NEXT_SEED, TraceReader.open(target).manifest().seed());
    assertOnlyTarget(target);
  }

  @Test
  void aRunKilledBetweenItsRenamesHasTheOldTraceRestoredByTheNextRun() throws IOException {
    Path target = directory.resolve("t");
    write(target, OLD_SEED, false);
    killAt(TraceWriter.CommitStep.OLD_SET_ASIDE, target, NEW_SEED, true);
    assertFalse(Files.exists(target));

    // Not replacing: the restored old trace is what the refusal protects.
    TraceFormatException refused = assertThrows(TraceFormatException.class, () -> write(target, NEXT_SEED, false));
    assertTrue(refused.getMessage().contains("already exists"), refused.getMessage());
    assertEquals(OLD_SEED, TraceReader.open(target).manifest().seed());
    assertOnlyTarget(target);
  }

  @Test
  void aRunKilledAfterMovingInHasTheOldTraceClearedByTheNextRun() throws IOException {
    Path target = directory.resolve("t");
    write(target, OLD_SEED, false);
    killAt(TraceWriter.CommitStep.MOVED_IN, target, NEW_SEED, true);
    assertTrue(Files.isDirectory(directory.resolve(".t.old")));

    assertThrows(TraceFormatException.class, () -> write(target, NEXT_SEED, false));
    assertEquals(NEW_SEED, TraceReader.open(target).manifest().seed());
    assertOnlyTarget(target);
  }

  @Test
  void aPartialDirectoryWithACompleteManifestIsRefusedAsUnfinished() throws IOException {
    Path target = directory.resolve("t");
    killAt(TraceWriter.CommitStep.MANIFEST_WRITTEN, target, NEW_SEED, false);
    Path partial = directory.resolve(".t.partial");
    assertTrue(Files.isRegularFile(partial.resolve(Manifest.FILE_NAME)));
    for (Path given : List.of(partial, partial.resolve(Manifest.FILE_NAME), partial.resolve("."))) {
      TraceFormatException refused = assertThrows(TraceFormatException.class, () -> TraceReader.open(given));
      assertTrue(refused.getMessage().contains("unfinished recording"), refused.getMessage());
      assertTrue(refused.getMessage().contains(".t.partial"), refused.getMessage());
      assertFalse(refused.getMessage().contains("\n"));
    }
  }

  @Test
  void aSecondWriterToATargetBeingWrittenIsRefusedUntilTheFirstIsDone() throws IOException {
    Path target = directory.resolve("t");
    TraceWriter first = TraceWriter.create(target, Set.of(), WriterOptions.defaults(), false);
    first.write(TestData.denseEvents(NEW_SEED, 100));
    TraceFormatException refused =
        assertThrows(
            TraceFormatException.class, () -> TraceWriter.create(target, Set.of(), WriterOptions.defaults(), true));
    assertTrue(refused.getMessage().contains("being written by another"), refused.getMessage());
    assertTrue(Files.exists(directory.resolve(".t.lock")));

    // The refused writer touched nothing of the first one's.
    first.finish(TestData.manifestWithoutTables(NEW_SEED, 100));
    assertEquals(NEW_SEED, TraceReader.open(target).manifest().seed());
    assertOnlyTarget(target);

    write(target, NEXT_SEED, true);
    assertOnlyTarget(target);
  }

  @Test
  void anAbortedWriterReleasesItsLock() throws IOException {
    Path target = directory.resolve("t");
    TraceWriter first = TraceWriter.create(target, Set.of(), WriterOptions.defaults(), false);
    first.close();
    assertFalse(Files.exists(directory.resolve(".t.lock")));
    write(target, NEXT_SEED, false);
    assertOnlyTarget(target);
  }

  @Test
  void aLockFileLeftByAKilledRunDoesNotStopTheNextOne() throws IOException {
    Path target = directory.resolve("t");
    Files.createFile(directory.resolve(".t.lock"));
    write(target, NEXT_SEED, false);
    assertOnlyTarget(target);
  }

  @Test
  void anOldDirectoryThatIsALinkIsNeitherFollowedNorDeleted() throws IOException {
    Path elsewhere = directory.resolve("elsewhere");
    write(elsewhere, OLD_SEED, false);
    Path target = directory.resolve("t");
    Files.createSymbolicLink(directory.resolve(".t.old"), elsewhere);
    TraceFormatException refused = assertThrows(TraceFormatException.class, () -> write(target, NEXT_SEED, false));
    assertTrue(refused.getMessage().contains(".t.old: is in the way"), refused.getMessage());
    assertEquals(OLD_SEED, TraceReader.open(elsewhere).manifest().seed());
    assertFalse(Files.exists(target));
    assertFalse(Files.exists(directory.resolve(".t.lock")));
  }

  private static void killAt(TraceWriter.CommitStep step, Path target, long seed, boolean replace) throws IOException {
    TraceWriter.faultHook =
        reached -> {
          if (reached == step) {
            throw new Killed(step);
          }
        };
    try {
      TraceWriter writer = TraceWriter.create(target, Set.of(TraceFormat.ARROW), WriterOptions.defaults(), replace);
      writer.write(TestData.denseEvents(seed, 100));
      // Not closed: a killed process runs no clean-up.
      Killed killed = assertThrows(Killed.class, () -> writer.finish(TestData.manifestWithoutTables(seed, 100)));
      assertEquals("killed at " + step, killed.getMessage());
    } finally {
      TraceWriter.faultHook = null;
    }
  }

  private static void write(Path target, long seed, boolean replace) throws IOException {
    try (TraceWriter writer = TraceWriter.create(target, Set.of(TraceFormat.ARROW), WriterOptions.defaults(), replace)) {
      writer.write(TestData.denseEvents(seed, 100));
      writer.finish(TestData.manifestWithoutTables(seed, 100));
    }
  }

  private static void assertNoValidPartial(Path target) {
    Path partial = target.resolveSibling(".t.partial");
    if (Files.exists(partial)) {
      TraceFormatException refused = assertThrows(TraceFormatException.class, () -> TraceReader.open(partial));
      assertTrue(refused.getMessage().contains(".t.partial"), refused.getMessage());
    }
  }

  private static void assertOnlyTarget(Path target) throws IOException {
    try (Stream<Path> entries = Files.list(target.getParent())) {
      assertEquals(List.of(target.getFileName().toString()), entries.map(entry -> entry.getFileName().toString()).toList());
    }
  }
}
