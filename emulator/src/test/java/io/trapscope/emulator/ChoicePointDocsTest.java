package io.trapscope.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trapscope.emulator.choice.ChoicePoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Holds the choice-point table of docs/TRACE_FORMAT.md to the choice points the emulator asks, in order. */
class ChoicePointDocsTest {
  @Test
  void everyChoicePointIsDocumentedInOrder() throws Exception {
    Pattern row = Pattern.compile("^\\| `([a-z_]+\\.[a-z_]+)` \\| .* \\|$");
    List<String> documented = new ArrayList<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(Path.of("..", "docs", "TRACE_FORMAT.md"))) {
      if (line.startsWith("| point | answer |")) {
        inTable = true;
      } else if (inTable && !line.startsWith("|")) {
        break;
      } else if (inTable) {
        Matcher matcher = row.matcher(line);
        if (matcher.matches()) {
          documented.add(matcher.group(1));
        }
      }
    }
    assertEquals(Arrays.stream(ChoicePoint.values()).map(ChoicePoint::id).toList(), documented);
  }
}
