package io.trapscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.analyzer.AnalysisOptions;
import io.trapscope.analyzer.Severity;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options that size what the analyzer holds are bounded, with a one-line refusal beyond the bound. */
class AnalyzeOptionBoundsTest {
  @TempDir static Path shared;
  private static Path trace;

  @BeforeAll
  static void record() {
    trace = shared.resolve("t");
    assertEquals(0, Cli.run("record", "fpu-memcmp", "-o", trace.toString()).exitCode);
  }

  @Test
  void maxFindingsAboveItsBoundIsRefusedInOneLine() {
    for (String value : new String[] {Integer.toString(AnalysisOptions.FINDINGS_KEPT_MAX + 1), "2147483647", "0", "-1"}) {
      Cli run = Cli.run("analyze", trace.toString(), "--max-findings", value);
      assertEquals(2, run.exitCode, run.toString());
      assertTrue(
          run.err.startsWith("trapscope: --max-findings must be 1 to " + AnalysisOptions.FINDINGS_KEPT_MAX + ", not " + value),
          run.toString());
      assertEquals(1, run.err.lines().count(), run.err);
      assertFalse(run.err.contains("\tat "));
    }
  }

  @Test
  void maxFindingsAtItsBoundsIsAccepted() {
    for (int value : new int[] {1, AnalysisOptions.FINDINGS_KEPT_MAX}) {
      Cli run = Cli.run("analyze", trace.toString(), "--max-findings", Integer.toString(value));
      assertTrue(run.exitCode == 0 || run.exitCode == 1, run.toString());
    }
  }

  @Test
  void analysisOptionsRefuseValuesOutsideTheirBounds() {
    assertThrows(IllegalArgumentException.class, () -> new AnalysisOptions(Severity.ERROR, AnalysisOptions.FINDINGS_KEPT_MAX + 1, 3));
    assertThrows(IllegalArgumentException.class, () -> new AnalysisOptions(Severity.ERROR, 0, 3));
    assertThrows(IllegalArgumentException.class, () -> new AnalysisOptions(Severity.ERROR, 10, -1));
  }

  @Test
  void theHelpStatesTheBound() {
    Cli run = Cli.run("analyze", "--help");
    assertTrue(run.out.contains("1 to " + AnalysisOptions.FINDINGS_KEPT_MAX), run.out);
  }
}
