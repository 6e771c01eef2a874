package io.trapscope.replayer;

import io.trapscope.model.scenario.Scenario;
import io.trapscope.recorder.ProgressListener;
import io.trapscope.recorder.RecordOptions;
import io.trapscope.recorder.Recorder;
import io.trapscope.recorder.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;

/** Run in a child JVM: {@code replay TRACE} prints the replay's outcome; {@code record SAMPLE SEED DIR} records. */
public final class ChildJvm {
  private ChildJvm() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("replay")) {
      ReplayResult result = Replayer.replay(Path.of(args[1]), ProgressListener.NONE);
      System.out.println(result.identical() ? "identical " + result.events() : "diverged at " + result.divergence().seq());
    } else {
      Scenario scenario = ScenarioLoader.load(args[1], List.of(), Long.parseLong(args[2]));
      Recorder.record(scenario, Path.of(args[3]), RecordOptions.defaults(), ProgressListener.NONE);
      System.out.println("recorded");
    }
    System.out.println("java " + System.getProperty("java.version"));
  }
}
