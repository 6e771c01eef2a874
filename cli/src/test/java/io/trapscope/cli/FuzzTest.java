package io.trapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trapscope.formats.TraceReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile inputs, generated: scenarios and manifests whose values are given the wrong JSON type, a null,
 * or an unknown field, and Parquet and Arrow files truncated or cut, with their checksums recomputed so
 * that the damage gets past the digest. Every case must end in exit 2 with one line naming the file, no
 * stack trace, and nothing left behind. Seeded and bounded ({@code -Dtrapscope.fuzz.cases},
 * {@code -Dtrapscope.fuzz.seed}), so CI runs the same cases every time; a longer run takes more cases.
 */
class FuzzTest {
  private static final int CASES = Integer.getInteger("trapscope.fuzz.cases", 2000);
  private static final long SEED = Long.getLong("trapscope.fuzz.seed", 20261204L);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** The manifest's fields that may be null (written before they existed). */
  private static final java.util.Set<String> OPTIONAL = java.util.Set.of("families", "modelVersion");

  @TempDir Path temp;

  /** What a case did, for the failure message and the counts. */
  private record Outcome(String category, String mutation, Cli run) {}

  @Test
  void everyGeneratedBadInputGetsOneLineAndExitTwo() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    Path trace = temp.resolve("trace");
    assertEquals(0, Cli.run("record", "int3-reinject", "--arrow", "--set", "limits.maxEvents=3000", "-o", trace.toString()).exitCode);
    String scenario = Files.readString(Path.of("..", "samples", "scenarios", "int3-reinject.json"));
    String manifest = Files.readString(trace.resolve("manifest.json"));
    Map<String, byte[]> files = new TreeMap<>();
    for (String name : List.of("events.parquet", "traps.parquet", "choices.parquet", "events.arrow", "traps.arrow", "choices.arrow")) {
      files.put(name, Files.readAllBytes(trace.resolve(name)));
    }
    Map<String, Integer> counts = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (int index = 0; index < CASES; index++) {
      Path workspace = Files.createDirectories(temp.resolve("case-" + index));
      Outcome outcome;
      switch (index % 4) {
        case 0:
          outcome = scenarioCase(random, scenario, workspace);
          break;
        case 1:
          outcome = manifestCase(random, trace, manifest, workspace);
          break;
        default:
          outcome = fileCase(random, trace, files, workspace);
          break;
      }
      counts.merge(outcome.category(), 1, Integer::sum);
      String problem = problem(outcome, workspace);
      if (problem != null && failures.size() < 10) {
        failures.add("case " + index + " (" + outcome.category() + ", " + outcome.mutation() + "): " + problem + "\n" + outcome.run());
      }
      deleteTree(workspace);
    }
    Files.writeString(Path.of("target", "fuzz-counts.txt"), counts + " seed " + SEED + " cases " + CASES + "\n");
    assertTrue(failures.isEmpty(), failures.size() + " of " + CASES + " cases failed, the first:\n" + String.join("\n\n", failures));
  }

  /** Why a case is wrong, or null: exit 2, one line, no stack trace, nothing half-written left behind. */
  private static String problem(Outcome outcome, Path workspace) throws IOException {
    Cli run = outcome.run();
    if (run.exitCode != ExitCodes.BAD_INPUT) {
      return "exit " + run.exitCode + " where 2 was due";
    }
    if (run.err.lines().count() != 1) {
      return "not one line";
    }
    if (run.err.contains("\tat ") || run.err.contains("Exception")) {
      return "a stack trace or an exception's name";
    }
    try (Stream<Path> left = Files.list(workspace)) {
      List<Path> partial = left.filter(path -> path.getFileName().toString().contains("partial")).toList();
      if (!partial.isEmpty()) {
        return "left behind " + partial;
      }
    }
    return null;
  }

  private Outcome scenarioCase(SplittableRandom random, String scenario, Path workspace) throws IOException {
    ObjectNode tree = (ObjectNode) Json.mapper().readTree(scenario);
    String mutation = mutate(random, tree);
    Path file = workspace.resolve("s.json");
    Files.writeString(file, Json.mapper().writeValueAsString(tree));
    return new Outcome("scenario", mutation, Cli.run("record", file.toString(), "-o", workspace.resolve("out").toString()));
  }

  private Outcome manifestCase(SplittableRandom random, Path trace, String manifest, Path workspace) throws IOException {
    Path copy = copyTrace(trace, workspace.resolve("t"));
    ObjectNode tree = (ObjectNode) Json.mapper().readTree(manifest);
    String mutation = mutate(random, tree);
    Files.writeString(copy.resolve("manifest.json"), Json.mapper().writeValueAsString(tree));
    String command = random.nextBoolean() ? "inspect" : "analyze";
    return new Outcome("manifest", mutation, Cli.run(command, copy.toString()));
  }

  private Outcome fileCase(SplittableRandom random, Path trace, Map<String, byte[]> files, Path workspace) throws IOException {
    Path copy = copyTrace(trace, workspace.resolve("t"));
    List<String> names = new ArrayList<>(files.keySet());
    String name = names.get(random.nextInt(names.size()));
    byte[] original = files.get(name);
    byte[] damaged;
    String mutation;
    if (random.nextBoolean()) {
      int length = random.nextInt(original.length);
      damaged = java.util.Arrays.copyOf(original, length);
      mutation = name + " truncated to " + length;
    } else {
      int from = random.nextInt(original.length);
      int to = Math.min(original.length, from + 1 + random.nextInt(64));
      damaged = new byte[original.length - (to - from)];
      System.arraycopy(original, 0, damaged, 0, from);
      System.arraycopy(original, to, damaged, from, original.length - to);
      mutation = name + " bytes " + from + ".." + to + " cut out";
    }
    Path file = copy.resolve(name);
    String oldSum = TraceReader.sha256(file);
    long oldSize = original.length;
    Files.write(file, damaged);
    Path manifest = copy.resolve("manifest.json");
    String text = Files.readString(manifest, StandardCharsets.UTF_8)
        .replace(oldSum, TraceReader.sha256(file))
        .replace("\"bytes\" : " + oldSize + ",", "\"bytes\" : " + damaged.length + ",");
    Files.writeString(manifest, text, StandardCharsets.UTF_8);
    String command = name.endsWith(".arrow") ? "inspect" : (random.nextBoolean() ? "inspect" : "analyze");
    if (command.equals("inspect") || name.endsWith(".arrow")) {
      return new Outcome("file", mutation, Cli.run("inspect", copy.toString()));
    }
    return new Outcome("file", mutation, Cli.run(command, copy.toString()));
  }

  /** Replaces one value somewhere in the tree with one of the wrong type, a null, or adds an unknown field. */
  private static String mutate(SplittableRandom random, ObjectNode root) {
    List<ObjectNode> objects = new ArrayList<>();
    collect(root, objects);
    ObjectNode target = objects.get(random.nextInt(objects.size()));
    List<String> fields = new ArrayList<>();
    target.fieldNames().forEachRemaining(fields::add);
    if (fields.isEmpty() || random.nextInt(8) == 0) {
      target.put("surprise" + random.nextInt(100), 1);
      return "unknown field";
    }
    String field = fields.get(random.nextInt(fields.size()));
    JsonNode old = target.get(field);
    JsonNode replacement = wrongType(random, old);
    if (replacement.isNull() && target == root && OPTIONAL.contains(field)) {
      // A manifest may leave these out or null them: that is an older manifest, not a bad one.
      replacement = NODES.textNode("x");
    }
    target.set(field, replacement);
    return field + ": " + old + " -> " + replacement;
  }

  private static JsonNode wrongType(SplittableRandom random, JsonNode old) {
    switch (random.nextInt(4)) {
      case 0:
        return NODES.nullNode();
      case 1:
        return old.isTextual() ? NODES.numberNode(random.nextInt(1000)) : NODES.textNode("x" + random.nextInt(100));
      case 2:
        return old.isBoolean() ? NODES.textNode("true") : NODES.booleanNode(true);
      default:
        return old.isArray() ? NODES.objectNode() : NODES.arrayNode().add(1);
    }
  }

  private static void collect(JsonNode node, List<ObjectNode> objects) {
    if (node instanceof ObjectNode object) {
      objects.add(object);
    }
    for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
      collect(children.next(), objects);
    }
  }

  private static Path copyTrace(Path trace, Path target) throws IOException {
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(trace)) {
      for (Path file : files.toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    }
    return target;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
