package io.trapscope.model.workload;

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
  WAIT,
  /** INT3 planted by the guest's own debugger; the operand is its (user-space) address. */
  BREAKPOINT,
  /** Touch a fresh page: a #PF, after which the touch is retried and succeeds. */
  TOUCH,
  /** Flush the TLB by reloading CR3 with its own value ({@code mprotect}, {@code __flush_tlb}). */
  TLB_FLUSH,
  /** Flush global TLB entries by clearing and setting CR4.PGE ({@code __flush_tlb_global}). */
  GLOBAL_FLUSH,
  /**
   * {@code HVMOP_set_param} on the task's own domain; the operand is the parameter shifted left by 8 bits,
   * with the value in the low bits.
   */
  SET_PARAM
}
