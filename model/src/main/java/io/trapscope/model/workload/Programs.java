package io.trapscope.model.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The program shapes and system call numbers several workloads share. */
public final class Programs {
  /** {@code brk}: malloc growing the heap. */
  public static final int SYSCALL_BRK = 12;
  /** {@code getppid}: a system call that usually returns at once. */
  public static final int SYSCALL_GETPPID = 110;
  /** {@code open}: the system call an introspection agent typically hooks. */
  public static final int SYSCALL_OPEN = 2;

  private Programs() {}

  /** {@code while :; do ./memcmp; done}, {@code processes} times: the shell itself never touches the FPU. */
  public static Program shellLoop(int childProgram, int processes) {
    return new Program.Builder("sh").add(Operation.SPAWN, childProgram).add(Operation.WAIT).repeat(processes);
  }

  /** The seed's test program: malloc, memset through SSE, system calls, memcmp. */
  public static Program memcmpProcess(int rounds, int syscalls) {
    return new Program.Builder("memcmp")
        .add(Operation.SYSCALL, SYSCALL_BRK)
        .add(Operation.FPU_WRITE)
        .times(Operation.SYSCALL, SYSCALL_GETPPID, syscalls)
        .add(Operation.FPU_READ)
        .repeat(rounds);
  }

  /** {@code count} tasks at boot running the program at {@code program}, as a mutable list to append to. */
  public static List<Integer> copies(int program, int count) {
    return new ArrayList<>(Collections.nCopies(count, program));
  }
}
