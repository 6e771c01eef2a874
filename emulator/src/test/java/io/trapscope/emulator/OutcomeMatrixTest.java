package io.trapscope.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.model.vocabulary.EndReason;
import io.trapscope.model.vocabulary.EventKind;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The outcome matrix of MODEL.md section 5, over many seeds: the leak appears exactly where the seed's
 * thread says it does, and emerges from the modelled rules alone.
 */
class OutcomeMatrixTest {
  private static final int SEEDS = 20;

  static Stream<Arguments> leaking() {
    return Stream.of(
        Arguments.of("xen-pv", "linux-2.6.32", "", false, 1),
        Arguments.of("xen-pv", "linux-3.11", "", false, 1),
        Arguments.of("xen-pv", "linux-2.6.32", "", false, 2),
        Arguments.of("xen-pv", "linux-3.11", "", false, 4));
  }

  static Stream<Arguments> safe() {
    return Stream.of(
        Arguments.of("native", "linux-2.6.32", "", false, 1),
        Arguments.of("native", "linux-3.11", "", false, 1),
        Arguments.of("native", "linux-3.11", "", true, 1),
        Arguments.of("native", "linux-4.2", "", false, 2),
        Arguments.of("xen-hvm", "linux-2.6.32", "", false, 1),
        Arguments.of("xen-hvm", "linux-3.11", "", false, 2),
        Arguments.of("xen-hvm", "linux-4.2", "", false, 1),
        Arguments.of("xen-hvm", "linux-3.11", "", true, 1),
        Arguments.of("xen-pv", "linux-4.2", "", false, 1),
        Arguments.of("xen-pv", "linux-4.2", "", false, 2),
        Arguments.of("xen-pv", "xenolinux", "", false, 1),
        Arguments.of("xen-pv", "xenolinux", "", false, 2),
        Arguments.of("xen-pv", "linux-2.6.32", "konrad-stts", false, 1),
        Arguments.of("xen-pv", "linux-3.11", "konrad-stts", false, 2),
        Arguments.of("xen-pv", "linux-3.11", "", true, 1),
        Arguments.of("xen-pv", "linux-4.2", "", true, 2),
        Arguments.of("xen-pv-keep-ts", "linux-2.6.32", "", false, 1),
        Arguments.of("xen-pv-keep-ts", "linux-3.11", "", false, 2),
        Arguments.of("xen-pv-keep-ts", "linux-4.2", "", false, 1));
  }

  @ParameterizedTest(name = "{0} {1} {2} eagerfpu={3} vcpus={4}")
  @MethodSource("leaking")
  void corruptedReadsAppearOnPvopsUnderXenPv(String hypervisor, String kernel, String patches, boolean eager, int vcpus) {
    int seedsWithCorruption = 0;
    for (int seed = 1; seed <= SEEDS; seed++) {
      RecordingSink run = Runs.run(configuration(seed, hypervisor, kernel, patches, eager, vcpus));
      assertEquals(EndReason.COMPLETED, run.result.endReason(), "seed " + seed);
      if (run.corruptedReads() > 0) {
        seedsWithCorruption++;
      }
    }
    assertTrue(seedsWithCorruption >= SEEDS - 1, "corruption in only " + seedsWithCorruption + " of " + SEEDS + " seeds");
  }

  @ParameterizedTest(name = "{0} {1} {2} eagerfpu={3} vcpus={4}")
  @MethodSource("safe")
  void noCorruptedReadAndNoNestedNmElsewhere(String hypervisor, String kernel, String patches, boolean eager, int vcpus) {
    for (int seed = 1; seed <= SEEDS; seed++) {
      RecordingSink run = Runs.run(configuration(seed, hypervisor, kernel, patches, eager, vcpus));
      assertEquals(EndReason.COMPLETED, run.result.endReason(), "seed " + seed);
      assertEquals(0, run.corruptedReads(), "corrupted reads, seed " + seed);
      assertEquals(0, run.nestedNm(), "nested #NM, seed " + seed);
      assertTrue(run.count(EventKind.FPU_READ) > 0, "the workload ran, seed " + seed);
      assertTrue(run.events.stream().noneMatch(e -> e.kind() == EventKind.FPU_READ && e.value() != e.aux()), "stale reads, seed " + seed);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void keepTsBreaksXenolinuxWithNestedNm(int seed) {
    RecordingSink run = Runs.run(configuration(seed, "xen-pv-keep-ts", "xenolinux", "", false, 1));
    assertTrue(run.nestedNm() > 0, "nested #NM");
    assertEquals(EndReason.DOMAIN_CRASH, run.result.endReason());
    RecordingSink.Event crash = run.events.get(run.events.size() - 1);
    assertEquals(EventKind.DOMAIN_CRASH, crash.kind());
    assertEquals(io.trapscope.model.scenario.Kernel.NM_NESTING_MAX, crash.aux());
    assertTrue(run.events.stream().filter(e -> e.kind() == EventKind.NM_ENTER).allMatch(RecordingSink.Event::ts), "TS stays set in every handler");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void eagerFpuNeverTraps(int seed) {
    RecordingSink run = Runs.run(configuration(seed, "xen-pv", "linux-3.11", "", true, 1));
    assertEquals(0, run.count(EventKind.NM_RAISE));
    assertTrue(run.events.stream().noneMatch(RecordingSink.Event::ts), "TS is never set under eagerfpu");
  }

  static Stream<Integer> seeds() {
    return Stream.of(1, 2, 3, 4, 5);
  }

  static io.trapscope.model.scenario.Scenario configuration(
      int seed, String hypervisor, String kernel, String patches, boolean eager, int vcpus) {
    return Runs.scenario(
        "{}",
        "seed=" + seed,
        "machine.hypervisor=" + hypervisor,
        "machine.kernel=" + kernel,
        "machine.patches=" + patches,
        "machine.eagerfpu=" + eager,
        "machine.vcpus=" + vcpus,
        "workload.loops=" + Math.max(2, vcpus * 2));
  }
}
