package io.trapscope.analyzer;

import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.ScenarioCodec;
import io.trapscope.recorder.ProgressListener;
import io.trapscope.recorder.RecordOptions;
import io.trapscope.recorder.Recorder;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Records the traces the analyzer tests analyse. */
final class Traces {
  private Traces() {}

  /** Records the seed's scenario with {@code overrides} to {@code target}. */
  static Path record(Path target, String... overrides) throws IOException {
    Scenario scenario = ScenarioCodec.parse("{\"seed\": 40}", "test", List.of(overrides), null);
    Recorder.record(scenario, target, RecordOptions.defaults(), ProgressListener.NONE);
    return target;
  }

  /** The overrides of one machine configuration and seed. */
  static String[] configuration(int seed, String hypervisor, String kernel, String patches, boolean eager, int vcpus) {
    List<String> overrides = new ArrayList<>();
    overrides.add("seed=" + seed);
    overrides.add("machine.hypervisor=" + hypervisor);
    overrides.add("machine.kernel=" + kernel);
    overrides.add("machine.patches=" + patches);
    overrides.add("machine.eagerfpu=" + eager);
    overrides.add("machine.vcpus=" + vcpus);
    overrides.add("workload.loops=" + Math.max(2, 2 * vcpus));
    return overrides.toArray(String[]::new);
  }

  /** The first column of every row {@code sql} returns, as a sorted set: the seqs a query flags. */
  static TreeSet<Long> seqs(Statement statement, String sql) throws SQLException {
    TreeSet<Long> seqs = new TreeSet<>();
    try (ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        seqs.add(result.getLong(1));
      }
    }
    return seqs;
  }
}
