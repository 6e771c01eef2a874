package io.trapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample notebooks keep up with the trace format: their data flow is followed here without Python.
 * Path assignments are resolved, the {@code trapscope} commands they run are run, the manifest keys they
 * read must exist, and every DuckDB query runs against the example traces and returns rows.
 */
class NotebookQueriesTest {
  private static final Path NOTEBOOKS = Path.of("..", "samples", "notebooks");
  /** Notebooks keep what they write under {@code work/}; here that is a temporary directory. */
  private static final String SCRATCH = "work";

  private static final Pattern PATH = Pattern.compile("^(\\w+) = pathlib\\.Path\\(\"([^\"]+)\"\\)(\\.resolve\\(\\))?$");
  private static final Pattern CHILD = Pattern.compile("^(\\w+) = (\\w+) / \"([^\"]+)\"$");
  private static final Pattern QUOTED = Pattern.compile("^(\\w+) = f\"'\\{(\\w+)( / '([^']+)')?\\}'\"$");
  private static final Pattern COMMAND = Pattern.compile("subprocess\\.run\\(\\[TRAPSCOPE, ([^\\]]+)\\]", Pattern.DOTALL);
  private static final Pattern QUERY = Pattern.compile("duckdb\\.sql\\(f\"\"\"(.*?)\"\"\"\\)", Pattern.DOTALL);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)\\}");
  private static final Pattern MANIFEST_KEYS = Pattern.compile("\\b(manifest|scenario|machine)((\\[\"\\w+\"\\])+)");

  @TempDir Path scratch;

  @Test
  void everyNotebookQueryRunsOnTheExampleTraces() throws Exception {
    List<Path> notebooks;
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      notebooks = files.filter(file -> file.toString().endsWith(".ipynb")).sorted().toList();
    }
    assertEquals(2, notebooks.size(), "notebooks in " + NOTEBOOKS.toAbsolutePath());
    for (Path notebook : notebooks) {
      int queries = follow(notebook);
      assertTrue(queries >= 8, notebook + ": only " + queries + " queries found; has the notebook's style changed?");
    }
  }

  private int follow(Path notebook) throws Exception {
    JsonNode cells = new ObjectMapper().readTree(notebook.toFile()).get("cells");
    Map<String, Path> paths = new TreeMap<>();
    Map<String, String> tables = new TreeMap<>();
    int queries = 0;
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      for (JsonNode cell : cells) {
        if (!cell.get("cell_type").asText().equals("code")) {
          continue;
        }
        StringBuilder source = new StringBuilder();
        cell.get("source").forEach(line -> source.append(line.asText()));
        String code = source.toString();
        for (String line : code.split("\n")) {
          assign(notebook, line.strip(), paths, tables);
        }
        checkManifestKeys(notebook, code, paths);
        Matcher command = COMMAND.matcher(code);
        while (command.find()) {
          run(notebook, command.group(1), paths);
        }
        Matcher query = QUERY.matcher(code);
        while (query.find()) {
          queries++;
          String sql = substitute(notebook, query.group(1), tables);
          try (ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), notebook + ": no rows from\n" + sql);
          } catch (SQLException e) {
            fail(notebook + ": " + e.getMessage() + "\n" + sql);
          }
        }
      }
    }
    return queries;
  }

  private void assign(Path notebook, String line, Map<String, Path> paths, Map<String, String> tables) {
    Matcher path = PATH.matcher(line);
    if (path.matches()) {
      String target = path.group(2);
      paths.put(path.group(1), target.equals(SCRATCH) ? scratch : notebook.getParent().resolve(target).normalize());
      return;
    }
    Matcher child = CHILD.matcher(line);
    if (child.matches()) {
      paths.put(child.group(1), known(notebook, paths, child.group(2)).resolve(child.group(3)));
      return;
    }
    Matcher quoted = QUOTED.matcher(line);
    if (quoted.matches()) {
      Path base = known(notebook, paths, quoted.group(2));
      tables.put(quoted.group(1), "'" + (quoted.group(4) == null ? base : base.resolve(quoted.group(4))) + "'");
    }
  }

  private static Path known(Path notebook, Map<String, Path> paths, String name) {
    Path path = paths.get(name);
    assertNotNull(path, notebook + ": " + name + " used before it is assigned a path");
    return path;
  }

  /** Runs a {@code trapscope} command of the notebook in this JVM; findings (exit 1) are expected. */
  private static void run(Path notebook, String arguments, Map<String, Path> paths) {
    List<String> args = new ArrayList<>();
    for (String token : arguments.split(",")) {
      String argument = token.strip();
      args.add(argument.startsWith("\"") ? argument.substring(1, argument.length() - 1) : known(notebook, paths, argument).toString());
    }
    Cli result = Cli.run(args.toArray(String[]::new));
    assertTrue(result.exitCode <= 1, notebook + ": trapscope " + args + "\n" + result);
  }

  private static String substitute(Path notebook, String sql, Map<String, String> tables) {
    Matcher placeholder = PLACEHOLDER.matcher(sql);
    StringBuilder resolved = new StringBuilder();
    while (placeholder.find()) {
      String table = tables.get(placeholder.group(1));
      assertNotNull(table, notebook + ": {" + placeholder.group(1) + "} is not a table the notebook defines");
      placeholder.appendReplacement(resolved, Matcher.quoteReplacement(table));
    }
    placeholder.appendTail(resolved);
    return resolved.toString();
  }

  /** Every {@code manifest["..."]...} the notebook reads exists in its trace's manifest. */
  private static void checkManifestKeys(Path notebook, String code, Map<String, Path> paths) throws Exception {
    Matcher keys = MANIFEST_KEYS.matcher(code);
    while (keys.find()) {
      JsonNode node = new ObjectMapper().readTree(known(notebook, paths, "TRACE").resolve("manifest.json").toFile());
      switch (keys.group(1)) {
        case "scenario" -> node = node.get("scenario");
        case "machine" -> node = node.get("scenario").get("machine");
        default -> {}
      }
      Matcher key = Pattern.compile("\"(\\w+)\"").matcher(keys.group(2));
      while (key.find()) {
        node = node.get(key.group(1));
        assertNotNull(node, notebook + ": the manifest has no " + keys.group());
      }
    }
  }
}
