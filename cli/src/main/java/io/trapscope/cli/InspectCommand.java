package io.trapscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trapscope.analyzer.Introspection;
import io.trapscope.analyzer.Machine;
import io.trapscope.formats.TraceReader;
import io.trapscope.model.scenario.XenVersion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trapscope inspect}: verify a trace and summarise it, as {@code jfr summary} does a recording. */
@Command(
    name = "inspect",
    header = "Verify a trace's checksums and summarise it.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Verify a trace's checksums and summarise it: scenario, seed, run, events per kind, files.")
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "TRACE", description = "A trace directory.")
  Path trace;

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @Override
  public Integer call() {
    TraceSummary summary = TraceSummary.of(TraceReader.open(trace));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(Json.write(summary));
    } else {
      printText(summary, out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void printText(TraceSummary summary, PrintWriter out) {
    out.printf(" Trace:        %s%n", summary.trace());
    if (!summary.description().isEmpty()) {
      out.printf(" Scenario:     %s%n", summary.description());
    }
    out.printf(" Seed:         %d%n", summary.seed());
    out.printf(" Machine:      %s%n", describeMachine(summary.machine()));
    out.printf(" Workload:     %s%n", describeFields(summary.workload(), "name"));
    String introspection = describeIntrospection(Machine.of(summary.scenario()));
    if (!introspection.isEmpty()) {
      out.printf(" Monitoring:   %s%n", introspection);
    }
    out.printf(
        " Run:          %s at tick %,d%s%n",
        summary.run().endReason(),
        summary.run().ticks(),
        summary.run().workloadFinished() ? ", workload finished" : ", workload NOT finished");
    out.printf(" Written by:   trapscope %s, trace schema %d%n", summary.toolVersion(), summary.schemaVersion());
    out.printf(" Checksums:    verified%n");
    out.println();
    out.printf(" %-20s %14s%n", "Event kind", "Count");
    out.println(" " + "=".repeat(35));
    for (TraceSummary.KindCount kind : summary.eventKinds()) {
      out.printf(" %-20s %,14d%n", kind.kind(), kind.count());
    }
    out.printf(" %-20s %,14d%n", "total", summary.events());
    out.println();
    out.printf(" %-18s %-8s %14s %14s %10s%n", "File", "Format", "Rows", "Bytes", "Bytes/row");
    out.println(" " + "=".repeat(68));
    for (TraceSummary.FileSummary file : summary.files()) {
      out.printf(" %-18s %-8s %,14d %,14d %10.2f%n", file.path(), file.format(), file.rows(), file.bytes(), file.bytesPerRow());
    }
  }

  private static String describeMachine(JsonNode machine) {
    List<String> parts = new ArrayList<>();
    String hypervisor = machine.path("hypervisor").asText("?");
    parts.add(hypervisor.equals("xen-hvm") ? hypervisor + " (" + machine.path("xen").asText("?") + ")" : hypervisor);
    parts.add(machine.path("kernel").asText("?"));
    List<String> patches = new ArrayList<>();
    machine.path("patches").forEach(patch -> patches.add(patch.asText()));
    parts.add(patches.isEmpty() ? "no patches" : "patches " + String.join(", ", patches));
    parts.add("eagerfpu " + (machine.path("eagerfpu").asBoolean() ? "on" : "off"));
    int vcpus = machine.path("vcpus").asInt(1);
    parts.add(vcpus + (vcpus == 1 ? " vCPU" : " vCPUs"));
    return String.join(", ", parts);
  }

  /**
   * "ring 8 slots, cr3 async onchangeonly, int3 sync; listener latency 1-8 ticks, ...", or the empty
   * string for a trace without memory events.
   */
  static String describeIntrospection(Machine machine) {
    Introspection introspection = machine.introspection();
    if (!machine.hypervisor().equals("xen-hvm")) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    String[] names = {"cr0", "cr3", "cr4", "int3"};
    Introspection.Setting[] settings = {introspection.cr0(), introspection.cr3(), introspection.cr4(), introspection.int3()};
    for (int index = 0; index < names.length; index++) {
      if (settings[index].enabled()) {
        parts.add(names[index] + " " + settings[index].mode() + (settings[index].onchangeonly() ? " onchangeonly" : ""));
      }
    }
    if (introspection.protectStack()) {
      parts.add("stacks write-protected");
    }
    Introspection.Listener listener = introspection.listener();
    if (!listener.connected()) {
      return parts.isEmpty() ? "" : String.join(", ", parts) + ", no listener";
    }
    int slots = introspection.ringSlots();
    if (slots == 0) {
      XenVersion xen = XenVersion.XEN_4_9;
      for (XenVersion version : XenVersion.values()) {
        xen = version.id().equals(machine.xen()) ? version : xen;
      }
      slots = xen.ringSlots();
    }
    parts.add(0, "ring " + slots + " slots");
    List<String> agent = new ArrayList<>();
    agent.add("latency " + listener.latencyTicksMin() + "-" + listener.latencyTicksMax() + " ticks");
    if (listener.hookSyscalls()) {
      agent.add("hooks system calls");
    }
    if (listener.pageInProbability() > 0) {
      agent.add("pages in with #PF (" + listener.pageInProbability() + ")");
    }
    if (introspection.int3().enabled()) {
      agent.add("re-injects INT3 " + listener.reinjectType() + " length " + listener.reinjectLength());
    }
    if (introspection.listenerInjects()) {
      agent.add("on -EBUSY " + listener.onBusy());
    }
    if (!listener.answerSync()) {
      agent.add("never answers sync requests");
    }
    return String.join(", ", parts) + "; listener " + String.join(", ", agent);
  }

  /** "fpu-memcmp (loops 2, processes 100, ...)": the named field first, the rest in brackets. */
  static String describeFields(JsonNode node, String nameField) {
    List<String> fields = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> iterator = node.fields(); iterator.hasNext(); ) {
      Map.Entry<String, JsonNode> field = iterator.next();
      if (!field.getKey().equals(nameField)) {
        fields.add(field.getKey() + " " + field.getValue().asText());
      }
    }
    return node.path(nameField).asText("?") + (fields.isEmpty() ? "" : " (" + String.join(", ", fields) + ")");
  }
}
