package io.trapscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trapscope.analyzer.Analyzer;
import io.trapscope.formats.TraceReader;
import io.trapscope.model.scenario.MachineDescription;
import io.trapscope.model.scenario.Scenario;
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
    TraceReader reader = TraceReader.open(trace);
    TraceSummary summary = TraceSummary.of(reader);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(Json.write(summary));
    } else {
      printText(summary, Analyzer.scenarioOf(reader), out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void printText(TraceSummary summary, Scenario scenario, PrintWriter out) {
    out.printf(" Trace:        %s%n", summary.trace());
    if (!summary.description().isEmpty()) {
      out.printf(" Scenario:     %s%n", summary.description());
    }
    out.printf(" Seed:         %d%n", summary.seed());
    out.printf(" Machine:      %s%n", MachineDescription.full(scenario.machine()));
    out.printf(" Workload:     %s%n", describeFields(summary.workload(), "name"));
    String introspection = MachineDescription.monitoring(scenario);
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
