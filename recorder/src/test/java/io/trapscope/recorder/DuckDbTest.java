package io.trapscope.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.emulator.Machine;
import io.trapscope.emulator.choice.RandomChoiceSource;
import io.trapscope.formats.Manifest;
import io.trapscope.formats.Table;
import io.trapscope.model.scenario.Scenario;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine that shares no code with trapscope reads the trace and sees the corruption with plain SQL. */
class DuckDbTest {
  /** The query docs/TRACE_FORMAT.md gives users. */
  static final String CORRUPTED_READS = "SELECT count(*) FROM '%s' WHERE kind = 'FPU_READ' AND fpu_owner <> task";

  @TempDir Path temp;

  @Test
  void duckDbCountsMatchTheManifestAndTheCorruptionIsVisible() throws Exception {
    Scenario scenario = ScenarioLoader.load("fpu-memcmp", List.of(), null);
    CollectingSink run = new CollectingSink();
    new Machine(scenario, new RandomChoiceSource(scenario.seed()), run).run();
    Manifest manifest = Recorder.record(scenario, temp.resolve("t"), RecordOptions.defaults(), ProgressListener.NONE).manifest();
    String events = temp.resolve("t").resolve("events.parquet").toString();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      assertEquals(manifest.rows(Table.EVENTS), single(statement, "SELECT count(*) FROM '" + events + "'"));
      assertEquals(manifest.rows(Table.EVENTS) - 1, single(statement, "SELECT max(seq) FROM '" + events + "'"));
      Map<String, Long> kinds = new TreeMap<>();
      try (ResultSet result = statement.executeQuery("SELECT kind, count(*) FROM '" + events + "' GROUP BY kind")) {
        while (result.next()) {
          kinds.put(result.getString(1), result.getLong(2));
        }
      }
      assertEquals(manifest.eventKinds(), kinds);
      long corrupted = single(statement, String.format(CORRUPTED_READS, events));
      assertTrue(corrupted > 0, "the seed's case leaks");
      assertEquals(run.corruptedReads(), corrupted);
      String traps = temp.resolve("t").resolve("traps.parquet").toString();
      assertEquals(manifest.rows(Table.TRAPS), single(statement, "SELECT count(*) FROM '" + traps + "' WHERE outcome = 'DELIVERED'"));
      assertEquals(0, single(statement, "SELECT count(*) FROM '" + traps + "' t JOIN '" + events + "' e ON e.seq = t.raised_seq WHERE e.kind <> 'NM_RAISE'"));
    }
  }

  @Test
  void theFixedSampleShowsNoCorruption() throws Exception {
    Scenario scenario = ScenarioLoader.load("fpu-memcmp-konrad-stts", List.of(), null);
    Recorder.record(scenario, temp.resolve("t"), RecordOptions.defaults(), ProgressListener.NONE);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      assertEquals(0, single(statement, String.format(CORRUPTED_READS, temp.resolve("t").resolve("events.parquet"))));
    }
  }

  private static long single(Statement statement, String sql) throws SQLException {
    try (ResultSet result = statement.executeQuery(sql)) {
      assertTrue(result.next());
      return result.getLong(1);
    }
  }
}
