package io.trapscope.model.workload;

import io.trapscope.model.scenario.Cr3MonitorConfig;
import io.trapscope.model.scenario.FpuMemcmpConfig;
import io.trapscope.model.scenario.FpuMixedConfig;
import io.trapscope.model.scenario.Int3ReinjectConfig;
import io.trapscope.model.scenario.SelfParamConfig;
import io.trapscope.model.scenario.WorkloadConfig;
import java.util.ArrayList;
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

  /** {@code brk}: malloc growing the heap. */
  static final int SYSCALL_BRK = 12;
  /** {@code getppid}: a system call that usually returns at once. */
  static final int SYSCALL_GETPPID = 110;
  /** {@code open}: the system call an introspection agent typically hooks. */
  static final int SYSCALL_OPEN = 2;
  /** Where the debugged program's breakpoints are: its text segment. */
  static final int BREAKPOINT_BASE = 0x0040_1000;
  static final int BREAKPOINT_STRIDE = 0x40;

  public Workload {
    programs = List.copyOf(programs);
    initialPrograms = List.copyOf(initialPrograms);
  }

  /** The workload a scenario describes. */
  public static Workload of(WorkloadConfig config) {
    if (config instanceof FpuMemcmpConfig) {
      return memcmp((FpuMemcmpConfig) config);
    }
    if (config instanceof FpuMixedConfig) {
      return mixed((FpuMixedConfig) config);
    }
    if (config instanceof Int3ReinjectConfig) {
      return int3((Int3ReinjectConfig) config);
    }
    if (config instanceof Cr3MonitorConfig) {
      return cr3((Cr3MonitorConfig) config);
    }
    if (config instanceof SelfParamConfig) {
      return selfParam((SelfParamConfig) config);
    }
    throw new IllegalArgumentException("unknown workload " + config.name());
  }

  private static Workload memcmp(FpuMemcmpConfig config) {
    Program shell = shellLoop(1, config.processes());
    Program memcmp = memcmpProcess(config.rounds(), config.syscalls());
    List<Integer> initial = new ArrayList<>();
    for (int loop = 0; loop < config.loops(); loop++) {
      initial.add(0);
    }
    return new Workload(
        List.of(shell, memcmp),
        initial,
        config.syscallBlockProbability(),
        config.syscallBlockTicksMin(),
        config.syscallBlockTicksMax());
  }

  private static Workload mixed(FpuMixedConfig config) {
    Program worker =
        new Program.Builder("fpu-worker")
            .add(Operation.FPU_WRITE)
            .times(Operation.COMPUTE, 0, config.computeOps())
            .add(Operation.SYSCALL, SYSCALL_GETPPID)
            .add(Operation.FPU_READ)
            .repeat(config.iterations());
    List<Program> programs = new ArrayList<>(List.of(worker));
    List<Integer> initial = new ArrayList<>();
    for (int task = 0; task < config.tasks(); task++) {
      initial.add(0);
    }
    if (config.churnLoops() > 0 && config.churnProcesses() > 0) {
      programs.add(shellLoop(2, config.churnProcesses()));
      programs.add(memcmpProcess(1, 1));
      for (int loop = 0; loop < config.churnLoops(); loop++) {
        initial.add(1);
      }
    }
    return new Workload(
        programs,
        initial,
        config.syscallBlockProbability(),
        config.syscallBlockTicksMin(),
        config.syscallBlockTicksMax());
  }

  private static Workload int3(Int3ReinjectConfig config) {
    Program.Builder body = new Program.Builder("debuggee");
    int before = config.computeOps() / 2;
    body.times(Operation.COMPUTE, 0, before);
    for (int index = 0; index < config.breakpoints(); index++) {
      body.add(Operation.BREAKPOINT, BREAKPOINT_BASE + index * BREAKPOINT_STRIDE);
    }
    body.times(Operation.TOUCH, 0, config.touches());
    for (int index = 0; index < config.syscalls(); index++) {
      body.add(Operation.SYSCALL, index % 2 == 0 ? SYSCALL_OPEN : SYSCALL_GETPPID);
    }
    body.times(Operation.COMPUTE, 0, config.computeOps() - before);
    List<Integer> initial = new ArrayList<>();
    for (int task = 0; task < config.tasks(); task++) {
      initial.add(0);
    }
    return new Workload(
        List.of(body.repeat(config.iterations())),
        initial,
        config.syscallBlockProbability(),
        config.syscallBlockTicksMin(),
        config.syscallBlockTicksMax());
  }

  private static Workload cr3(Cr3MonitorConfig config) {
    Program process =
        new Program.Builder("proc")
            .add(Operation.SYSCALL, SYSCALL_BRK)
            .times(Operation.TLB_FLUSH, 0, config.flushes())
            .times(Operation.GLOBAL_FLUSH, 0, config.globalFlushes())
            .times(Operation.SYSCALL, SYSCALL_GETPPID, config.syscalls())
            .repeat(1);
    List<Integer> initial = new ArrayList<>();
    for (int loop = 0; loop < config.loops(); loop++) {
      initial.add(0);
    }
    return new Workload(
        List.of(shellLoop(1, config.processes()), process),
        initial,
        config.syscallBlockProbability(),
        config.syscallBlockTicksMin(),
        config.syscallBlockTicksMax());
  }

  private static Workload selfParam(SelfParamConfig config) {
    Program process =
        new Program.Builder("proc").add(Operation.SYSCALL, SYSCALL_BRK).times(Operation.SYSCALL, SYSCALL_GETPPID, 2).repeat(1);
    int setting = config.mode().bits();
    Program rogue =
        new Program.Builder("rogue")
            .times(Operation.COMPUTE, 0, config.delayOps())
            .add(Operation.SET_PARAM, (config.parameter().parameter() << 8) | setting)
            .times(Operation.COMPUTE, 0, 10)
            .repeat(1);
    List<Integer> initial = new ArrayList<>();
    for (int loop = 0; loop < config.loops(); loop++) {
      initial.add(0);
    }
    initial.add(2);
    return new Workload(List.of(shellLoop(1, config.processes()), process, rogue), initial, 0.3, 1, 10);
  }

  /** {@code while :; do ./memcmp; done}, {@code processes} times: the shell itself never touches the FPU. */
  private static Program shellLoop(int childProgram, int processes) {
    return new Program.Builder("sh")
        .add(Operation.SPAWN, childProgram)
        .add(Operation.WAIT)
        .repeat(processes);
  }

  /** The seed's test program: malloc, memset through SSE, system calls, memcmp. */
  private static Program memcmpProcess(int rounds, int syscalls) {
    return new Program.Builder("memcmp")
        .add(Operation.SYSCALL, SYSCALL_BRK)
        .add(Operation.FPU_WRITE)
        .times(Operation.SYSCALL, SYSCALL_GETPPID, syscalls)
        .add(Operation.FPU_READ)
        .repeat(rounds);
  }
}
