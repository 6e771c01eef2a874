package io.trapscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.ScenarioCodec;
import io.trapscope.model.scenario.WorkloadConfig;
import io.trapscope.model.vocabulary.Code;
import io.trapscope.model.vocabulary.EndReason;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.Field;
import io.trapscope.model.vocabulary.TrapOutcome;
import io.trapscope.model.vocabulary.TrapSource;
import io.trapscope.model.vocabulary.TrapType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Holds docs/TRACE_FORMAT.md and docs/SCENARIOS.md to the one definition of each thing: the event kinds
 * and their codes, the trap outcomes, types and sources, the end reasons, and every scenario default. A
 * change to either side that the other does not follow fails here.
 */
class DocsContractTest {
  private static final Path DOCS = Path.of("..", "docs");
  private static final Pattern KIND_ROW = Pattern.compile("^\\| `([A-Z_0-9]+)` \\| (.*) \\| (.*) \\| (.*) \\|$");
  private static final Pattern OUTCOME_ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| [^|]* \\|$");
  private static final Pattern NUMBER_TEXT = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?![\\w.])");

  private static List<String> lines(String file) throws IOException {
    return Files.readAllLines(DOCS.resolve(file));
  }

  /** The rows of the table that follows the first line starting with {@code heading}. */
  private static List<String> section(List<String> lines, String heading) {
    int start = -1;
    for (int index = 0; index < lines.size(); index++) {
      if (lines.get(index).startsWith(heading)) {
        start = index;
        break;
      }
    }
    assertTrue(start >= 0, "no section " + heading);
    List<String> rows = new ArrayList<>();
    boolean inTable = false;
    for (int index = start + 1; index < lines.size(); index++) {
      String line = lines.get(index);
      if (line.startsWith("|")) {
        inTable = true;
        rows.add(line);
      } else if (inTable) {
        break;
      }
    }
    return rows;
  }

  @Test
  void everyEventKindIsDocumentedAsTheVocabularyDefinesIt() throws IOException {
    List<String> documented = new ArrayList<>();
    for (String line : section(lines("TRACE_FORMAT.md"), "### Event kinds")) {
      Matcher row = KIND_ROW.matcher(line);
      if (!row.matches()) {
        continue;
      }
      EventKind kind = EventKind.byName(row.group(1));
      assertTrue(kind != null, "TRACE_FORMAT.md documents an unknown kind " + row.group(1));
      documented.add(kind.name());
      assertEquals(kind.taskMeaning(), row.group(2), kind + " task");
      assertEquals(kind.value().meaning(), row.group(3), kind + " value");
      assertEquals(kind.aux().meaning(), row.group(4), kind + " aux");
    }
    assertEquals(Arrays.stream(EventKind.values()).map(Enum::name).toList(), documented);
  }

  @Test
  void everyCodeANumberStandsForIsInItsDocumentedMeaning() {
    for (EventKind kind : EventKind.values()) {
      for (Field field : List.of(kind.value(), kind.aux())) {
        if (field.shape() != Field.Shape.CODE || field.meaning().contains("as above")) {
          continue;
        }
        List<String> numbers = new ArrayList<>();
        NUMBER.matcher(field.meaning()).results().forEach(match -> numbers.add(match.group()));
        if (numbers.isEmpty()) {
          continue; // "the reason": the row defers to the kind above it, which lists the codes
        }
        for (Code code : field.codes().getEnumConstants()) {
          assertTrue(numbers.contains(Integer.toString(code.code())), kind + ": " + code + " (" + code.code() + ") not in \"" + field.meaning() + "\"");
        }
      }
    }
  }

  @Test
  void outcomesTypesSourcesAndEndReasonsAreTheVocabularys() throws IOException {
    List<String> traceFormat = lines("TRACE_FORMAT.md");
    List<String> outcomes = new ArrayList<>();
    for (String line : section(traceFormat, "| outcome | meaning |")) {
      Matcher row = OUTCOME_ROW.matcher(line);
      if (row.matches()) {
        outcomes.add(row.group(1));
      }
    }
    assertEquals(Arrays.stream(TrapOutcome.values()).map(Enum::name).toList(), outcomes);
    String type = traceFormat.stream().filter(line -> line.startsWith("| `type` |")).findFirst().orElseThrow();
    for (TrapType trapType : TrapType.values()) {
      assertTrue(type.contains("`" + trapType.name() + "`"), trapType.name());
    }
    String source = traceFormat.stream().filter(line -> line.startsWith("| `source` |")).findFirst().orElseThrow();
    for (TrapSource trapSource : TrapSource.values()) {
      assertTrue(source.contains("`" + trapSource.id() + "`"), trapSource.id());
    }
    String endReason = traceFormat.stream().filter(line -> line.startsWith("| `run.endReason` |")).findFirst().orElseThrow();
    for (EndReason reason : EndReason.values()) {
      assertTrue(endReason.contains("`" + reason.name() + "`"), reason.name());
    }
  }

  @Test
  void everyDocumentedDefaultIsTheOneTheModelRunsWith() throws IOException {
    List<String> scenarios = lines("SCENARIOS.md");
    JsonNode defaults = ScenarioCodec.toTree(Scenario.defaults());
    int checked = checkDefaults(section(scenarios, "### Top level"), defaults);
    checked += checkDefaults(section(scenarios, "### `machine`"), defaults.path("machine"));
    checked += checkDefaults(section(scenarios, "### `guest`"), defaults.path("guest"));
    checked += checkDefaults(section(scenarios, "### `introspection`"), defaults.path("introspection"));
    checked += checkDefaults(section(scenarios, "### `limits`"), defaults.path("limits"));
    for (String name : WorkloadConfig.names()) {
      JsonNode workload = ScenarioCodec.toTree(Scenario.defaults()).path("workload");
      JsonNode own = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(WorkloadConfig.defaultsFor(name));
      assertFalse(own.isMissingNode(), name);
      checked += checkDefaults(section(scenarios, "**`" + name + "`**"), own);
      assertTrue(workload.isObject());
    }
    assertTrue(checked > 60, "only " + checked + " defaults found: has the table layout changed?");
  }

  /** Compares each row's defaults with {@code node}'s fields; returns how many it compared. */
  private static int checkDefaults(List<String> rows, JsonNode node) {
    int checked = 0;
    for (String row : rows) {
      String[] cells = row.split("\\|", -1);
      if (cells.length < 5 || !cells[1].contains("`") || cells[1].contains("---")) {
        continue;
      }
      List<String> fields = backticked(cells[1]);
      List<String> values = backticked(cells[3]);
      List<String> subfields = cells[2].trim().startsWith("`{") ? Arrays.asList(cells[2].trim().replaceAll("[`{}]", "").split(",\\s*")) : List.of();
      for (int index = 0; index < fields.size(); index++) {
        JsonNode field = at(node, fields.get(index));
        if (!subfields.isEmpty()) {
          for (int sub = 0; sub < subfields.size(); sub++) {
            assertSame(values.get(sub), text(field.path(subfields.get(sub))), fields.get(index) + "." + subfields.get(sub));
            checked++;
          }
          continue;
        }
        assertSame(values.get(index), text(field), fields.get(index) + " in " + row);
        checked++;
      }
    }
    return checked;
  }

  /** Equal as text, or as numbers where both are numbers ("0" and "0.0"). */
  private static void assertSame(String documented, String actual, String what) {
    if (NUMBER_TEXT.matcher(documented).matches() && NUMBER_TEXT.matcher(actual).matches()) {
      assertEquals(0, new BigDecimal(documented).compareTo(new BigDecimal(actual)), what + ": documented " + documented + ", runs with " + actual);
      return;
    }
    assertEquals(documented, actual, what);
  }

  private static JsonNode at(JsonNode node, String dotted) {
    JsonNode current = node;
    for (String part : dotted.split("\\.")) {
      current = current.path(part);
    }
    assertFalse(current.isMissingNode(), "documented field " + dotted + " is not in the scenario");
    return current;
  }

  private static String text(JsonNode value) {
    if (value.isTextual()) {
      return value.asText().isEmpty() ? "\"\"" : value.asText();
    }
    if (value.isArray()) {
      return value.toString();
    }
    return value.asText();
  }

  private static List<String> backticked(String cell) {
    List<String> values = new ArrayList<>();
    Matcher matcher = Pattern.compile("`([^`]*)`").matcher(cell);
    while (matcher.find()) {
      values.add(matcher.group(1));
    }
    return values;
  }
}
