package io.trapscope.model.workload;

import io.trapscope.model.scenario.WorkloadConfig;
import java.util.List;

/**
 * The programs of a workload and the tasks it starts with.
 *
 * @param programs every program, indexed by {@link Operation#SPAWN} operands
 * @param initialPrograms the program index of each task present at boot
 * @param syscallBlockProbability the chance that a system call blocks
 * @param syscallBlockTicksMin shortest block
 * @param syscallBlockTicksMax longest block
 */
public record Workload(
    List<Program> programs,
    List<Integer> initialPrograms,
    double syscallBlockProbability,
    long syscallBlockTicksMin,
    long syscallBlockTicksMax) {

  public Workload {
    programs = List.copyOf(programs);
    initialPrograms = List.copyOf(initialPrograms);
  }

  /** The workload a scenario describes: each configuration builds its own. */
  public static Workload of(WorkloadConfig config) {
    return config.build();
  }

  /** Whether some program writes or reads the FPU, so that the lazy-FPU machinery has work to do. */
  public boolean usesFpu() {
    for (Program program : programs) {
      if (program.uses(Operation.FPU_WRITE) || program.uses(Operation.FPU_READ)) {
        return true;
      }
    }
    return false;
  }
}
