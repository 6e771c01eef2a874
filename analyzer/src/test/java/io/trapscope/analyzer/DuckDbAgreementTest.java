package io.trapscope.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.analyzer.lazyfpu.FpuStateLeakRule;
import io.trapscope.analyzer.lazyfpu.TsClearAtSwitchRule;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules against SQL that DuckDB runs over the same files: an engine that shares no code with the
 * analyzer must find exactly the events its findings name, on every row of the outcome matrix.
 */
class DuckDbAgreementTest {
  /** Corrupted reads: a task read FPU data it did not write. */
  static final String CORRUPTED_READS =
      "SELECT seq FROM '%s' WHERE kind = 'FPU_READ' AND (fpu_owner <> task OR value <> aux)";

  /**
   * Switches into a task that leave TS clear while the registers hold another context: the last FPU
   * write or restore on the vCPU before the switch was not the task's, and the switch is not followed by
   * the task's preload.
   */
  static final String BROKEN_SWITCHES =
      "WITH e AS (SELECT * FROM '%s'), "
          + "loads AS (SELECT vcpu, seq, task AS context FROM e WHERE kind IN ('FPU_WRITE', 'FPU_RESTORE')), "
          + "switches AS ("
          + "  SELECT seq, vcpu, task, kind, ts, lead(kind) OVER w AS next_kind, lead(aux) OVER w AS next_aux, "
          + "         lead(task) OVER w AS next_task "
          + "  FROM e WINDOW w AS (PARTITION BY vcpu ORDER BY seq)) "
          + "SELECT s.seq FROM switches s ASOF LEFT JOIN loads l ON l.vcpu = s.vcpu AND s.seq > l.seq "
          + "WHERE s.kind = 'TASK_SWITCH' AND s.task >= 0 AND NOT s.ts AND coalesce(l.context, -1) <> s.task "
          + "  AND NOT coalesce(s.next_kind = 'FPU_RESTORE' AND s.next_aux = 1 AND s.next_task = s.task, false)";

  @TempDir Path temp;

  static Stream<Arguments> matrix() {
    return Stream.of(
            Arguments.of("xen-pv", "linux-2.6.32", "", false, 1),
            Arguments.of("xen-pv", "linux-3.11", "", false, 1),
            Arguments.of("xen-pv", "linux-2.6.32", "", false, 2),
            Arguments.of("xen-pv", "linux-3.11", "", true, 1),
            Arguments.of("xen-pv", "linux-4.2", "", false, 1),
            Arguments.of("xen-pv", "xenolinux", "", false, 1),
            Arguments.of("xen-pv", "linux-2.6.32", "konrad-stts", false, 1),
            Arguments.of("native", "linux-2.6.32", "", false, 1),
            Arguments.of("xen-hvm", "linux-3.11", "", false, 2),
            Arguments.of("xen-pv-keep-ts", "linux-2.6.32", "", false, 1),
            Arguments.of("xen-pv-keep-ts", "xenolinux", "", false, 1))
        .flatMap(configuration -> Stream.of(1, 2, 3).map(seed -> Arguments.of(append(configuration.get(), seed))));
  }

  private static Object[] append(Object[] values, int seed) {
    Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
    all[values.length] = seed;
    return all;
  }

  @ParameterizedTest(name = "{0} {1} {2} eagerfpu={3} vcpus={4} seed={5}")
  @MethodSource("matrix")
  void findingsNameExactlyTheEventsTheSqlFinds(String hypervisor, String kernel, String patches, boolean eager, int vcpus, int seed)
      throws Exception {
    Path trace = Traces.record(temp.resolve("t"), Traces.configuration(seed, hypervisor, kernel, patches, eager, vcpus));
    Path findings = temp.resolve("findings.parquet");
    try (FindingsParquet parquet = new FindingsParquet(findings)) {
      parquet.startTrace("t");
      Analyzer.analyze(trace, AnalysisOptions.defaults(), parquet);
      parquet.finish();
    }
    String events = trace.resolve("events.parquet").toString();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      TreeSet<Long> corrupted = Traces.seqs(statement, String.format(CORRUPTED_READS, events));
      TreeSet<Long> leaks = Traces.seqs(statement, flagged(findings, FpuStateLeakRule.ID, "corrupted-read"));
      assertEquals(corrupted, leaks, "FPU_STATE_LEAK against SQL");
      TreeSet<Long> broken = Traces.seqs(statement, String.format(BROKEN_SWITCHES, events));
      TreeSet<Long> switches = Traces.seqs(statement, flagged(findings, TsClearAtSwitchRule.ID, "switch"));
      assertEquals(broken, switches, "TS_CLEAR_AT_SWITCH against SQL");
      boolean leaking = hypervisor.equals("xen-pv") && (kernel.equals("linux-2.6.32") || kernel.equals("linux-3.11")) && patches.isEmpty() && !eager;
      assertEquals(leaking, !corrupted.isEmpty(), "the outcome matrix");
      if (leaking) {
        assertTrue(!broken.isEmpty());
      }
    }
  }

  private static String flagged(Path findings, String rule, String role) {
    return "SELECT seq FROM '" + findings + "' WHERE rule = '" + rule + "' AND role = '" + role + "'";
  }
}
