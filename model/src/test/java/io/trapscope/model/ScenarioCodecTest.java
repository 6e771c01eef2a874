package io.trapscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapscope.model.scenario.FpuMixedConfig;
import io.trapscope.model.scenario.Hypervisor;
import io.trapscope.model.scenario.Kernel;
import io.trapscope.model.scenario.Patch;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.ScenarioCodec;
import io.trapscope.model.scenario.ScenarioException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenario parsing: defaults, overrides, and one clear line with the field's path for every mistake. */
class ScenarioCodecTest {
  @Test
  void anEmptyDocumentIsTheSeedsCase() {
    Scenario scenario = ScenarioCodec.parse("{}", "x.json", List.of(), null);
    assertEquals(Hypervisor.XEN_PV, scenario.machine().hypervisor());
    assertEquals(Kernel.LINUX_2_6_32, scenario.machine().kernel());
    assertEquals("fpu-memcmp", scenario.workload().name());
  }

  @Test
  void overridesSetScalarsListsAndTheSeed() {
    Scenario scenario =
        ScenarioCodec.parse(
            "{\"seed\": 3}",
            "x.json",
            List.of("machine.kernel=linux-3.11", "machine.patches=konrad-stts", "machine.vcpus=4", "machine.eagerfpu=true", "guest.preemptProbability=0.5"),
            99L);
    assertEquals(99, scenario.seed());
    assertEquals(Kernel.LINUX_3_11, scenario.machine().kernel());
    assertEquals(List.of(Patch.KONRAD_STTS), scenario.machine().patches());
    assertEquals(4, scenario.machine().vcpus());
    assertTrue(scenario.machine().eagerfpu());
    assertEquals(0.5, scenario.guest().preemptProbability());
  }

  @Test
  void settingTheWorkloadNameStartsFromThatWorkloadsDefaults() {
    Scenario scenario = ScenarioCodec.parse("{\"workload\": {\"loops\": 7}}", "x.json", List.of("workload.name=fpu-mixed", "workload.tasks=2"), null);
    assertTrue(scenario.workload() instanceof FpuMixedConfig);
    assertEquals(2, ((FpuMixedConfig) scenario.workload()).tasks());
  }

  @Test
  void theResolvedTreeBindsBackToTheSameScenario() {
    Scenario scenario = ScenarioCodec.parse("{\"machine\": {\"vcpus\": 2}}", "x.json", List.of("workload.name=fpu-mixed"), 5L);
    assertEquals(scenario, ScenarioCodec.fromTree(ScenarioCodec.toTree(scenario), "manifest"));
  }

  @Test
  void mistakesNameTheFieldInOneLine() {
    assertError("{\"machine\": {\"hypervsor\": \"xen-pv\"}}", List.of(), "x.json: machine.hypervsor: unknown field (did you mean 'hypervisor'?)");
    assertError("{\"machine\": {\"hypervisor\": \"xen-pvv\"}}", List.of(), "x.json: machine.hypervisor: unknown value 'xen-pvv'");
    assertError("{\"machine\": {\"hypervisor\": \"xen-pvv\"}}", List.of(), "did you mean 'xen-pv'?");
    assertError("{\"machine\": {\"vcpus\": \"two\"}}", List.of(), "x.json: machine.vcpus: expected an integer");
    assertError("{\"machine\": {\"vcpus\": 1.5}}", List.of(), "x.json: machine.vcpus: bad value '1.5': expected an integer");
    assertError("{\"machine\": {\"vcpus\": 0}}", List.of(), "x.json: machine.vcpus: must be between 1 and 64, got 0");
    assertError("{\"machine\": []}", List.of(), "x.json: machine: expected an object");
    assertError("{\"workload\": {\"name\": \"fpu-memcpy\"}}", List.of(), "x.json: workload.name: unknown workload 'fpu-memcpy'");
    assertError("{\"guest\": {\"allocSleepProbability\": 2}}", List.of(), "x.json: guest.allocSleepProbability: must be a probability");
    assertError("{\"guest\": {\"allocSleepTicksMin\": 9, \"allocSleepTicksMax\": 3}}", List.of(), "guest.allocSleepTicksMin: must not exceed allocSleepTicksMax (3)");
    assertError("{\"machine\": {\"hypervisor\": \"native\", \"kernel\": \"xenolinux\"}}", List.of(), "machine.kernel: xenolinux boots only as a Xen PV guest");
    assertError("{\"machine\": {\"eagerfpu\": true}}", List.of(), "machine.eagerfpu: linux-2.6.32 has no eagerfpu parameter");
    assertError("{\"machine\": {\"kernel\": \"linux-4.2\", \"patches\": [\"konrad-stts\"]}}", List.of(), "machine.patches[0]: konrad-stts patches");
    assertError("{\"seed\": 1,}", List.of(), "x.json: malformed JSON at line 1, column 12");
    assertError("{\"seed\": 1, \"seed\": 2}", List.of(), "x.json: malformed JSON");
    assertError("[1, 2]", List.of(), "x.json: a scenario is a JSON object");
    assertError("{}", List.of("machine.vcpu=2"), "x.json: machine.vcpu: --set: unknown field (did you mean 'vcpus'?)");
    assertError("{}", List.of("machine=2"), "x.json: machine: --set: is a section; set one of its fields");
    assertError("{}", List.of("machine.vcpus=two"), "x.json: machine.vcpus: --set: expected an integer, got 'two'");
    assertError("{}", List.of("vcpus"), "--set 'vcpus': expected path=value");
  }

  @Test
  void memoryEventMistakesNameTheFieldInOneLine() {
    String hvm = "{\"machine\": {\"hypervisor\": \"xen-hvm\", \"kernel\": \"linux-3.11\"}, ";
    assertError("{\"introspection\": {\"cr3\": {\"mode\": \"sync\"}}}", List.of(), "x.json: introspection: memory events need an HVM guest");
    assertError("{\"workload\": {\"name\": \"int3-reinject\"}}", List.of(), "x.json: machine.hypervisor: workload int3-reinject runs an HVM guest");
    assertError(hvm + "\"introspection\": {\"ringSlots\": 12}}", List.of(), "introspection.ringSlots: a ring holds a power of two of slots");
    assertError(hvm + "\"introspection\": {\"ringSlots\": 4}}", List.of("machine.xen=xen-4.1"), "xen-4.1 reports a ring full below 4 free slots");
    assertError(hvm + "\"introspection\": {\"listener\": {\"connected\": true, \"hookSyscalls\": true}}}", List.of(), "introspection.listener.hookSyscalls: the listener's breakpoints need INT3 capture");
    assertError(hvm + "\"introspection\": {\"protectStack\": true}}", List.of(), "introspection.protectStack: the listener protects the stack");
    assertError(hvm + "\"introspection\": {\"listener\": {\"reinjectLength\": 16}}}", List.of(), "introspection.listener.reinjectLength: must be between 0 and 15");
    assertError(hvm + "\"introspection\": {\"int3\": {\"mode\": \"snyc\"}}}", List.of(), "did you mean 'sync'?");
    assertError("{}", List.of("machine.xen=xen-4.3"), "x.json: machine.xen: unknown value 'xen-4.3' (expected one of: xen-4.1-rfc, xen-4.1, xen-4.2, xen-4.9)");
    // Software breakpoint events are always sync from 4.6 on (hvm_monitor_debug, 4.9.0 monitor.c:122-129).
    assertError(
        hvm + "\"introspection\": {\"int3\": {\"mode\": \"async\"}}}",
        List.of("machine.xen=xen-4.9"),
        "introspection.int3.mode: xen-4.9 sends software breakpoint events sync only");
  }

  private static void assertError(String json, List<String> overrides, String expected) {
    ScenarioException error = assertThrows(ScenarioException.class, () -> ScenarioCodec.parse(json, "x.json", overrides, null));
    assertTrue(error.getMessage().contains(expected), () -> "message was: " + error.getMessage());
    assertEquals(1, error.getMessage().lines().count(), "one line");
  }
}
