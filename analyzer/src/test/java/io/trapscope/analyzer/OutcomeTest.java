package io.trapscope.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.analyzer.lazyfpu.NmNestedRule;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verdicts over many seeds: nothing at all on the safe machines, NM_NESTED only where the ABI breaks. */
class OutcomeTest {
  private static final int SEEDS = 12;

  @TempDir Path temp;

  static Stream<Arguments> safe() {
    return Stream.of(
        Arguments.of("native", "linux-2.6.32", "", false, 1),
        Arguments.of("native", "linux-4.2", "", false, 2),
        Arguments.of("xen-hvm", "linux-2.6.32", "", false, 1),
        Arguments.of("xen-hvm", "linux-3.11", "", true, 2),
        Arguments.of("xen-pv", "linux-4.2", "", false, 1),
        Arguments.of("xen-pv", "linux-4.2", "", true, 2),
        Arguments.of("xen-pv", "xenolinux", "", false, 2),
        Arguments.of("xen-pv", "linux-2.6.32", "konrad-stts", false, 1),
        Arguments.of("xen-pv", "linux-3.11", "konrad-stts", false, 2),
        Arguments.of("xen-pv", "linux-3.11", "", true, 1),
        Arguments.of("xen-pv-keep-ts", "linux-3.11", "", false, 1));
  }

  @ParameterizedTest(name = "{0} {1} {2} eagerfpu={3} vcpus={4}")
  @MethodSource("safe")
  void safeMachinesPassWithNoFindingAtAll(String hypervisor, String kernel, String patches, boolean eager, int vcpus) throws Exception {
    for (int seed = 1; seed <= SEEDS; seed++) {
      Path trace = Traces.record(temp.resolve("t" + seed), Traces.configuration(seed, hypervisor, kernel, patches, eager, vcpus));
      TraceAnalysis analysis = Analyzer.analyze(trace, AnalysisOptions.defaults(), FindingListener.NONE);
      String context = "seed " + seed + ": " + analysis.findings();
      assertEquals(0, analysis.findingsTotal(), context);
      assertEquals(Verdict.PASS, analysis.verdict(), "seed " + seed);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void nestedNmIsFlaggedWhereTheHypervisorKeepsTsForXenoLinux(int seed) throws Exception {
    Path trace = Traces.record(temp.resolve("t"), Traces.configuration(seed, "xen-pv-keep-ts", "xenolinux", "", false, 1));
    TraceAnalysis analysis = Analyzer.analyze(trace, AnalysisOptions.defaults(), FindingListener.NONE);
    assertEquals(Verdict.FAIL, analysis.verdict());
    Finding nested = analysis.findings().stream().filter(finding -> finding.rule().equals(NmNestedRule.ID)).findFirst().orElseThrow();
    assertEquals(100, nested.score(), "the domain crashed");
    assertTrue(nested.summary().contains("the domain crashed"), nested.summary());
    assertTrue(nested.evidence().stream().anyMatch(row -> row.role().equals("domain-crash")));
    assertTrue(nested.fixes().stream().anyMatch(fix -> fix.id().equals("pv-abi-clear-ts") && fix.applies()));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everywhereElse")
  void nestedNmIsFlaggedNowhereElse(String hypervisor, String kernel) throws Exception {
    for (int seed = 1; seed <= 4; seed++) {
      Path trace = Traces.record(temp.resolve("t" + seed), Traces.configuration(seed, hypervisor, kernel, "", false, 1));
      TraceAnalysis analysis = Analyzer.analyze(trace, AnalysisOptions.defaults(), FindingListener.NONE);
      RuleResult nested = analysis.rules().stream().filter(rule -> rule.id().equals(NmNestedRule.ID)).findFirst().orElseThrow();
      assertEquals(0, nested.findings(), hypervisor + " " + kernel + " seed " + seed);
    }
  }

  static Stream<Integer> seeds() {
    return Stream.of(1, 2, 3);
  }

  static Stream<Arguments> everywhereElse() {
    return Stream.of(
        Arguments.of("xen-pv", "linux-2.6.32"),
        Arguments.of("xen-pv", "linux-3.11"),
        Arguments.of("xen-pv", "xenolinux"),
        Arguments.of("xen-pv-keep-ts", "linux-2.6.32"),
        Arguments.of("native", "linux-3.11"),
        Arguments.of("xen-hvm", "linux-4.2"));
  }
}
