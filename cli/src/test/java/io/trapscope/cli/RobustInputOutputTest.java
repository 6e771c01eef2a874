package io.trapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gives exit 2 and one line naming the file and the field, never a stack trace; and an output that
 * would replace or land inside an input, or a device, is refused before anything is written.
 */
class RobustInputOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  private static Path trace;

  @TempDir Path temp;

  @BeforeAll
  static void record() {
    trace = shared.resolve("leak");
    assertEquals(0, Cli.run("record", "fpu-memcmp", "-o", trace.toString()).exitCode);
  }

  @Test
  void aManifestWithNullsOrMistypedValuesGivesExitTwoInEveryCommand() throws IOException {
    Path copy = copyOf(trace, temp.resolve("copy"));
    Path manifest = copy.resolve("manifest.json");
    byte[] original = Files.readAllBytes(manifest);
    Map<String, Consumer<ObjectNode>> damages = new TreeMap<>();
    damages.put(": scenario", root -> root.putNull("scenario"));
    damages.put(": run", root -> root.putNull("run"));
    damages.put(": tables[0]", root -> ((ArrayNode) root.get("tables")).set(0, JSON.nullNode()));
    damages.put(": seed", root -> root.put("seed", 1.5));
    damages.put(": schemaVersion", root -> root.put("schemaVersion", "2"));
    damages.put(": schemaVersion: 1 is not read", root -> root.put("schemaVersion", 1));
    damages.put(" (scenario): machine.hypervisor: unknown value '1'", root -> ((ObjectNode) root.get("scenario").get("machine")).put("hypervisor", 1));
    for (Map.Entry<String, Consumer<ObjectNode>> damage : damages.entrySet()) {
      ObjectNode root = (ObjectNode) JSON.readTree(original);
      damage.getValue().accept(root);
      Files.write(manifest, JSON.writeValueAsBytes(root));
      for (String[] command : commands(copy)) {
        assertOneLineError(Cli.run(command), "manifest.json" + damage.getKey());
      }
    }
    Files.writeString(manifest, "null");
    for (String[] command : commands(copy)) {
      assertOneLineError(Cli.run(command), "manifest.json: not a manifest: expected a JSON object");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aManifestLinkedToDevZeroOrAFifoGivesExitTwoAtOnce() throws Exception {
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
    Path copy = copyOf(trace, temp.resolve("copy"));
    Path manifest = copy.resolve("manifest.json");
    Files.delete(manifest);
    Files.createSymbolicLink(manifest, Path.of("/dev/zero"));
    for (String[] command : commands(copy)) {
      assertOneLineError(Cli.run(command), "manifest.json: is a symbolic link");
    }
    Files.delete(manifest);
    Assumptions.assumeTrue(mkfifo(manifest), "mkfifo is not available");
    for (String[] command : commands(copy)) {
      assertOneLineError(Cli.run(command), "manifest.json: is not a regular file");
    }
  }

  @Test
  void aDataFileLinkedOutsideTheTraceGivesExitTwo() throws IOException {
    Path copy = copyOf(trace, temp.resolve("copy"));
    Path events = copy.resolve("events.parquet");
    Path outside = temp.resolve("outside.parquet");
    Files.move(events, outside);
    Files.createSymbolicLink(events, outside);
    for (String[] command : commands(copy)) {
      assertOneLineError(Cli.run(command), "events.parquet: is a symbolic link");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void recordRefusesAScenarioThatIsALinkOrAFifo() throws Exception {
    Path real = temp.resolve("real.json");
    Files.writeString(real, "{\"seed\": 3}");
    Path link = temp.resolve("link.json");
    Files.createSymbolicLink(link, real);
    assertOneLineError(Cli.run("record", link.toString(), "-o", temp.resolve("a").toString()), "link.json: is a symbolic link");
    Path fifo = temp.resolve("fifo.json");
    Assumptions.assumeTrue(mkfifo(fifo), "mkfifo is not available");
    assertOneLineError(Cli.run("record", fifo.toString(), "-o", temp.resolve("b").toString()), "fifo.json: is not a regular file");
    assertFalse(Files.exists(temp.resolve("a")) || Files.exists(temp.resolve("b")), "nothing left behind");
  }

  @Test
  void analyzeRefusesOutputsInsideTheAnalyzedTrace() throws Exception {
    Map<String, String> before = listing(trace);
    Path events = trace.resolve("events.parquet");
    assertOneLineError(
        Cli.run("analyze", trace.toString(), "--findings-parquet", events.toString()), "events.parquet: --findings-parquet lies inside the input trace");
    assertOneLineError(
        Cli.run("analyze", trace.toString(), "--findings-parquet", trace.resolve("findings.parquet").toString()), "--findings-parquet lies inside the input trace");
    assertOneLineError(
        Cli.run("analyze", trace.toString(), "--findings-parquet", trace.resolve("sub/../../leak/x.parquet").toString()), "--findings-parquet lies inside the input trace");
    assertOneLineError(Cli.run("analyze", trace.toString(), "-o", trace.resolve("report.txt").toString()), "report.txt: -o lies inside the input trace");
    assertOneLineError(Cli.run("analyze", trace.toString(), "-o", trace.resolve("manifest.json").toString()), "manifest.json: -o lies inside the input trace");
    Path other = copyOf(trace, temp.resolve("other"));
    assertOneLineError(
        Cli.run("analyze", other.toString(), trace.toString(), "-o", trace.resolve("r.md").toString()), "r.md: -o lies inside the input trace");
    Path alias = temp.resolve("alias");
    Files.createSymbolicLink(alias, trace);
    assertOneLineError(Cli.run("analyze", trace.toString(), "-o", alias.resolve("r.txt").toString()), "-o lies inside the input trace");
    assertEquals(before, listing(trace), "the input trace is untouched, nothing left in it");
  }

  @Test
  void analyzeRefusesAnOutputThatIsNotARegularFile() throws Exception {
    Path link = temp.resolve("link.txt");
    Files.createSymbolicLink(link, temp.resolve("target.txt"));
    assertOneLineError(Cli.run("analyze", trace.toString(), "-o", link.toString()), "link.txt: -o is a symbolic link; refusing to replace it");
    assertFalse(Files.exists(temp.resolve("target.txt")));
    Path dev = Path.of("/dev/null");
    Assumptions.assumeTrue(Files.exists(dev));
    assertOneLineError(Cli.run("analyze", trace.toString(), "-o", dev.toString()), "/dev/null: -o is not a regular file");
    assertOneLineError(Cli.run("analyze", trace.toString(), "--findings-parquet", dev.toString()), "/dev/null: --findings-parquet is not a regular file");
    assertTrue(!Files.isRegularFile(dev, java.nio.file.LinkOption.NOFOLLOW_LINKS), "/dev/null is still a device");
  }

  @Test
  void aMissingTraceIsReportedAsMissingNotAsHoldingTheOutput() {
    Path nowhere = temp.resolve("nowhere");
    assertOneLineError(Cli.run("analyze", nowhere.toString(), "-o", temp.resolve("report.txt").toString()), "nowhere: no such trace directory");
    assertFalse(Files.exists(temp.resolve("report.txt")), "nothing left behind");
  }

  @Test
  void analyzeWritesToStandardOutputForADash() throws Exception {
    Cli dash = Cli.run("analyze", trace.toString(), "-o", "-");
    Cli plain = Cli.run("analyze", trace.toString());
    assertEquals(plain.exitCode, dash.exitCode, dash.toString());
    assertEquals(plain.out, dash.out);
    assertTrue(dash.out.length() > 0);
    assertFalse(Files.exists(Path.of("-")), "no file called '-'");
  }

  @Test
  void aCounterfactualReplayMayNotReplaceItsOwnInput() throws Exception {
    Map<String, String> before = listing(trace);
    assertOneLineError(
        Cli.run("replay", trace.toString(), "--set", "machine.patches=konrad-stts", "-o", trace.toString(), "--force"),
        "-o is the input trace");
    assertOneLineError(
        Cli.run("replay", trace.resolve("manifest.json").toString(), "--set", "machine.patches=konrad-stts", "-o", trace.resolve(".").toString(), "--force"),
        "-o is the input trace");
    assertOneLineError(
        Cli.run("replay", trace.toString(), "--set", "machine.patches=konrad-stts", "-o", trace.resolve("fixed").toString()),
        "-o lies inside the input trace");
    assertOneLineError(
        Cli.run("replay", trace.toString(), "--set", "machine.patches=konrad-stts", "-o", shared.toString(), "--force"),
        "-o holds the input trace");
    assertEquals(before, listing(trace), "the input trace is untouched");
    assertEquals(0, Cli.run("replay", trace.toString()).exitCode, "and still replays");
  }

  private static String[][] commands(Path trace) {
    return new String[][] {
      {"inspect", trace.toString()},
      {"analyze", trace.toString()},
      {"replay", trace.toString()},
    };
  }

  private static Path copyOf(Path source, Path target) throws IOException {
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    }
    return target;
  }

  /** Every file under {@code directory} with its SHA-256, to show that nothing changed or was added. */
  private static Map<String, String> listing(Path directory) throws Exception {
    Map<String, String> listing = new TreeMap<>();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String hash = Files.isRegularFile(file) ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))) : "dir";
        listing.put(directory.relativize(file).toString(), hash);
      }
    }
    return listing;
  }

  private static boolean mkfifo(Path path) throws InterruptedException {
    try {
      Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 && Files.exists(path);
    } catch (IOException e) {
      return false;
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
