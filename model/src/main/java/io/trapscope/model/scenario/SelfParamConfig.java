package io.trapscope.model.scenario;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trapscope.model.workload.Operation;
import io.trapscope.model.workload.Program;
import io.trapscope.model.workload.Programs;
import io.trapscope.model.workload.Workload;
import java.util.List;

/**
 * A guest task that calls {@code HVMOP_set_param} on its own domain for a memory-event parameter (a
 * driver or rootkit switching the agent's intercepts off), beside shell loops that keep the guest busy.
 *
 * @param name always {@code self-param}
 * @param loops background shell loops
 * @param processes processes each background loop starts
 * @param parameter the parameter the guest sets on itself
 * @param mode the mode it sets
 * @param delayOps user operations the task runs before the call
 */
@JsonPropertyOrder({"name", "loops", "processes", "parameter", "mode", "delayOps"})
public record SelfParamConfig(String name, int loops, int processes, EventSource parameter, EventMode mode, int delayOps)
    implements WorkloadConfig {
  public static final String NAME = "self-param";
  /** Operations the task runs after its call, so that a paused domain shows before the task exits. */
  static final int AFTER_OPS = 10;
  /** The background processes' system calls block as often as fpu-memcmp's do: the guest stays busy. */
  static final double SYSCALL_BLOCK_PROBABILITY = 0.3;
  static final long SYSCALL_BLOCK_TICKS_MIN = 1;
  static final long SYSCALL_BLOCK_TICKS_MAX = 10;

  static SelfParamConfig defaults() {
    return new SelfParamConfig(NAME, 2, 20, EventSource.INT3, EventMode.DISABLED, 20);
  }

  @Override
  public boolean needsHvm() {
    return true;
  }

  @Override
  public String summary() {
    return "a guest task that sets a memory-event parameter on its own domain, beside shell loops that keep the guest busy";
  }

  @Override
  public void validate(Checker check) {
    check.range(loops, 0, Checker.LOOPS_MAX, "workload.loops");
    check.range(processes, 1, Checker.PROCESSES_MAX, "workload.processes");
    check.that(parameter != null, "workload.parameter", "missing");
    check.that(mode != null, "workload.mode", "missing");
    check.range(delayOps, 0, Checker.OPERATIONS_MAX, "workload.delayOps");
  }

  @Override
  public Workload build() {
    Program process =
        new Program.Builder("proc")
            .add(Operation.SYSCALL, Programs.SYSCALL_BRK)
            .times(Operation.SYSCALL, Programs.SYSCALL_GETPPID, 2)
            .repeat(1);
    Program rogue =
        new Program.Builder("rogue")
            .times(Operation.COMPUTE, 0, delayOps)
            .add(Operation.SET_PARAM, (parameter.parameter() << 8) | mode.bits())
            .times(Operation.COMPUTE, 0, AFTER_OPS)
            .repeat(1);
    List<Integer> initial = Programs.copies(0, loops);
    initial.add(2);
    return new Workload(
        List.of(Programs.shellLoop(1, processes), process, rogue),
        initial,
        SYSCALL_BLOCK_PROBABILITY,
        SYSCALL_BLOCK_TICKS_MIN,
        SYSCALL_BLOCK_TICKS_MAX);
  }
}
