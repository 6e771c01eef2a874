package io.trapscope.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trapscope.model.scenario.MachineDescription;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.ScenarioCodec;
import io.trapscope.samples.Samples;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trapscope scenarios}: list the packaged sample scenarios. */
@Command(
    name = "scenarios",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List the sample scenarios that 'trapscope record NAME' accepts.")
final class ScenariosCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(names = "--json", description = "Print the list as JSON.")
  boolean json;

  @JsonPropertyOrder({"name", "machine", "workload", "seed", "description"})
  record SampleSummary(String name, String machine, String workload, long seed, String description) {}

  @Override
  public Integer call() {
    List<SampleSummary> samples = new ArrayList<>();
    for (String name : Samples.names()) {
      Scenario scenario = ScenarioCodec.parse(Samples.read(name), "sample " + name, List.of(), null);
      samples.add(new SampleSummary(name, MachineDescription.summary(scenario), scenario.workload().name(), scenario.seed(), scenario.description()));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(Json.write(samples));
      out.flush();
      return ExitCodes.OK;
    }
    for (SampleSummary sample : samples) {
      out.printf("%-30s %-45s %s%n", sample.name(), sample.machine(), sample.workload());
      out.printf("    %s%n", sample.description());
    }
    out.printf("%nRecord one with: trapscope record NAME -o DIR%n");
    out.flush();
    return ExitCodes.OK;
  }
}
