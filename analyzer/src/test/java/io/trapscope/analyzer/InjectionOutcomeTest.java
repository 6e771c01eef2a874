package io.trapscope.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.analyzer.report.Reporter;
import io.trapscope.model.vocabulary.Family;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the memory-event rules make of each introspection sample (seed 40), the safe configurations over many
 * seeds, the verdicts of both rule families, and the Markdown story of the seed's double fault.
 */
class InjectionOutcomeTest {
  private static final int SEEDS = 10;

  @TempDir Path temp;

  private TraceAnalysis analyze(String spec, long seed) throws Exception {
    Path trace = InjectionDuckDbAgreementTest.record(temp.resolve("t" + seed + "-" + Math.abs(spec.hashCode())), spec, seed);
    return Analyzer.analyze(trace, AnalysisOptions.defaults(), FindingListener.NONE);
  }

  private static long count(TraceAnalysis analysis, String rule) {
    return InjectionDuckDbAgreementTest.findings(analysis, rule);
  }

  private static Finding first(TraceAnalysis analysis, String rule) {
    return analysis.findings().stream().filter(finding -> finding.rule().equals(rule)).findFirst().orElseThrow();
  }

  /** Findings of the memory-event family, whatever the rule. */
  private static long injectionFindings(TraceAnalysis analysis) {
    return analysis.rules().stream().filter(rule -> rule.family() == Family.MEMORY_EVENTS).mapToLong(RuleResult::findings).sum();
  }

  @Test
  void theSeedCaseFailsTheVmEntryAndXenCrashesTheDomain() throws Exception {
    // The combined #DF keeps the injected #BP's software type (4.1.0 vmx.c:1259-1289): vm_resume_fail, not a guest #DF.
    TraceAnalysis analysis = analyze("int3-reinject", 40);
    assertTrue(count(analysis, "INJ_VMENTRY_FAILURE") >= 1);
    assertEquals(0, count(analysis, "INJ_DOUBLE_FAULT"), "no #DF reached the guest");
    assertTrue(count(analysis, "INJ_OVERWRITTEN") >= 1);
    assertEquals(100, first(analysis, "INJ_VMENTRY_FAILURE").score());
    assertEquals("VMENTRY_FAILED", analysis.run().endReason());
    assertEquals(Verdict.FAIL, analysis.verdict());
  }

  @Test
  void aHardwareTypedBreakpointOnXen42DoubleFaultsAndPanicsTheGuest() throws Exception {
    TraceAnalysis analysis = analyze("int3-reinject,machine.xen=xen-4.2,introspection.listener.reinjectType=hw,limits.maxEvents=100000", 40);
    assertTrue(count(analysis, "INJ_DOUBLE_FAULT") >= 1);
    assertEquals(0, count(analysis, "INJ_VMENTRY_FAILURE"));
    assertEquals(100, first(analysis, "INJ_DOUBLE_FAULT").score(), "the #DF reached the guest and it panicked");
  }

  @Test
  void xen49DropsTheInjectionInsteadOfDoubleFaulting() throws Exception {
    TraceAnalysis analysis = analyze("int3-reinject-xen-4.9", 40);
    assertTrue(count(analysis, "INJ_DROPPED") >= 1);
    assertEquals(0, count(analysis, "INJ_DOUBLE_FAULT"));
  }

  @Test
  void xen41LosesControlRegisterEventsToAFullRingAndXen42DoesNot() throws Exception {
    assertTrue(count(analyze("cr3-monitor", 40), "EVT_RING_DROP") > 0);
    TraceAnalysis fixed = analyze("cr3-monitor-xen-4.2", 40);
    assertEquals(0, fixed.findingsTotal(), fixed.findings().toString());
    assertEquals(Verdict.PASS, fixed.verdict(), "the lazy FPU rules are out of scope, not unknown: " + fixed.verdictReason());
  }

  @Test
  void ignoringEbusyLosesInjectionsAndRetryingDoesNot() throws Exception {
    assertTrue(count(analyze("int3-ebusy-ignore", 40), "INJ_EBUSY_LOST") > 0);
    assertEquals(0, count(analyze("int3-ebusy-ignore,introspection.listener.onBusy=retry", 40), "INJ_EBUSY_LOST"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"int3-reinject-hw", "int3-reinject-len0"})
  void anInt3ReinjectedWithoutLengthRepeats(String sample) throws Exception {
    TraceAnalysis analysis = analyze(sample, 40);
    assertTrue(count(analysis, "INT3_NO_ADVANCE") >= 1);
    assertTrue(first(analysis, "INT3_NO_ADVANCE").summary().contains("deliveries"), "it repeats");
    assertEquals(0, count(analysis, "INJ_PENDING_AT_END"), "a run cut short by limits leaves injections in flight");
    assertEquals(Verdict.FAIL, analysis.verdict());
  }

  @Test
  void anUnansweredSyncRequestDeadlocksAndStrandsTheInjection() throws Exception {
    TraceAnalysis analysis = analyze("int3-sync-unanswered", 40);
    assertEquals(1, count(analysis, "EVT_SYNC_UNANSWERED"));
    assertEquals(1, count(analysis, "INJ_PENDING_AT_END"));
    Finding finding = first(analysis, "EVT_SYNC_UNANSWERED");
    assertTrue(finding.evidence().stream().anyMatch(row -> row.kind().equals("BREAKPOINT")), "what raised the request");
    assertTrue(finding.evidence().stream().anyMatch(row -> row.kind().equals("MEM_EVENT_PUT")));
    assertTrue(finding.evidence().stream().anyMatch(row -> row.kind().equals("VCPU_PAUSE")));
  }

  @Test
  void aGuestSettingItsOwnParameterScoresByWhatXenDid() throws Exception {
    TraceAnalysis accepted = analyze("self-param", 40);
    assertEquals(1, count(accepted, "PARAM_SELF_SET"));
    assertEquals(100, first(accepted, "PARAM_SELF_SET").score(), "Xen 4.1 paused the domain from inside it");
    TraceAnalysis refused = analyze("self-param-xen-4.2", 40);
    assertEquals(1, count(refused, "PARAM_SELF_SET"));
    assertEquals(50, first(refused, "PARAM_SELF_SET").score(), "Xen 4.2 refused with -EPERM");
  }

  @Test
  void safeConfigurationsHaveNoInjectionFindingOverManySeeds() throws Exception {
    String[] safe = {
      "int3-reinject,machine.xen=xen-4.2,guest.faultInDeliveryProbability=0,introspection.listener.pageInProbability=0",
      "cr3-monitor-xen-4.2"
    };
    for (String spec : safe) {
      for (long seed = 1; seed <= SEEDS; seed++) {
        TraceAnalysis analysis = analyze(spec, seed);
        assertEquals(0, injectionFindings(analysis), spec + " seed " + seed + ": " + analysis.findings());
        assertEquals(Verdict.PASS, analysis.verdict(), spec + " seed " + seed + ": " + analysis.verdictReason());
      }
    }
  }

  @Test
  void eachFamilyIsOutOfScopeWhereTheTraceDoesNotExerciseIt() throws Exception {
    TraceAnalysis introspection = analyze("int3-reinject", 40);
    for (RuleResult rule : introspection.rules()) {
      assertEquals(rule.family() == Family.MEMORY_EVENTS, rule.inScope(), rule.id());
      assertEquals(rule.inScope(), rule.applicable(), rule.id());
    }
    TraceAnalysis fpu = analyze("fpu-memcmp", 40);
    for (RuleResult rule : fpu.rules()) {
      assertEquals(rule.family() == Family.LAZY_FPU, rule.inScope(), rule.id());
      if (!rule.inScope()) {
        assertTrue(rule.reason().startsWith("out of scope: no memory events"), rule.reason());
      }
    }
    assertEquals(29, count(fpu, "FPU_STATE_LEAK"), "the seed's FPU case is unchanged");
  }

  @Test
  void theMarkdownReportTellsTheFailedVmEntryStory() throws Exception {
    TraceAnalysis analysis = analyze("int3-reinject", 40);
    StringWriter markdown = new StringWriter();
    Reporter.MARKDOWN.render(List.of(analysis), Severity.ERROR, new PrintWriter(markdown));
    String report = markdown.toString();
    Finding finding = first(analysis, "INJ_VMENTRY_FAILURE");
    assertTrue(report.contains("### `INJ_VMENTRY_FAILURE`: " + finding.summary()), report);
    assertTrue(finding.summary().contains("#BP") && finding.summary().contains("pending #PF"), finding.summary());
    assertTrue(report.contains("#PF + #BP became vector 8, a software exception with an error code"), report);
    assertTrue(report.contains("vm_resume_fail crashed the domain"), report);
    assertTrue(report.contains("The guest never saw a double fault"), report);
    assertTrue(report.contains("DELIVERY_FAULT seq"), "where the pending event came from");
    assertTrue(report.contains("violation request went to the listener"), report);
    assertTrue(report.contains("DOMAIN_CRASH seq"), report);
    assertFalse(report.contains("GUEST_PANIC seq"), report);
    assertTrue(report.contains("| seq | tick | task | event | inject slot | pending event | |"), "the timeline table");
    for (String row : new String[] {"DELIVERY_FAULT #PF", "INJECT_ENTRY #BP (trap", "DOUBLE_FAULT pending #PF + injected #BP = #DF",
        "VMENTRY_FAIL #DF: a software exception delivering an error code"}) {
      assertTrue(report.contains(row), "timeline row " + row + "\n" + report);
    }
    assertTrue(report.contains("**<== collision**"), report);
    assertTrue(report.contains("`xen-4.9-pending-check`, applies to this machine"), report);
    assertTrue(report.contains("--set machine.xen=xen-4.9"), report);
    assertTrue(report.contains("Lazy FPU rules (FPU_STATE_LEAK"), "the out-of-scope family in one line");
  }
}
