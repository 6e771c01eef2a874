package io.trapscope.emulator.workload;

/** One user-mode operation of a program. */
public enum Operation {
  /** Write the task's pattern for this round through the FPU registers ({@code memset} with SSE). */
  FPU_WRITE,
  /** Read the FPU registers back and compare with the last write ({@code memcmp}). */
  FPU_READ,
  /** A system call; the operand is its number. It may block. */
  SYSCALL,
  /** User code that does not touch the FPU. */
  COMPUTE,
  /** Start a child process running the program whose index is the operand ({@code fork} and {@code exec}). */
  SPAWN,
  /** Wait until every child has exited. */
  WAIT
}
