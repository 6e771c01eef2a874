package io.trapscope.emulator;

import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.model.workload.Program;

/** A guest task: its scheduling state, its user program's position, and its lazy-FPU state. */
final class Task {
  static final int RUNNABLE = 0;
  static final int RUNNING = 1;
  static final int BLOCKED = 2;
  static final int EXITED = 3;

  /** What the task does when it next runs, if it is in the middle of a kernel path. */
  static final int RESUME_USER = 0;
  static final int RESUME_NM_AFTER_ALLOCATION = 1;
  static final int RESUME_SYSCALL_RETURN = 2;


  /** Where the model puts tasks' page tables, one 4 KiB page each. */
  static final long CR3_TASKS = 0x0200_0000L;

  final int id;
  final Task parent;
  final Program program;
  final long[] choiceOrdinals = new long[ChoicePoint.values().length];

  int state = RUNNABLE;
  int pc;
  int round;
  boolean done;
  int exitCode;
  int liveChildren;
  boolean waitingForChild;
  int lastVcpu;

  int resume = RESUME_USER;
  int nmDepth;
  long wakeTick;
  int wakeReason;
  /** User operations left until the timer preempts the task; 0 when not drawn yet. */
  long opsUntilPreempt;
  /** System calls left until one blocks, that one included; 0 when not drawn yet. */
  long syscallsUntilBlock;

  /** Linux {@code used_math()}: the task has an FPU area. */
  boolean usedMath;
  /** Linux {@code TS_USEDFPU} / {@code fpu.has_fpu}: its state is live in its vCPU's registers. */
  boolean hasFpu;
  /** Linux {@code fpu_counter}, an {@code unsigned char} that wraps at 256. */
  int fpuCounter;
  /**
   * Linux 3.x {@code thread.fpu.last_cpu}: the vCPU whose registers this task's state was last saved from
   * while they still hold it, -1 when they may not (its {@code lastVcpu} is where it last ran, a different
   * thing: a task that ran without the FPU has no {@code last_cpu}).
   */
  int fpuLastVcpu = -1;
  long savedValue;
  int savedOwner = -1;
  long lastWritten;

  /** The #PF of the current TOUCH was handled: the page is mapped, so the touch now succeeds. */
  boolean pageReady;
  /** The #BP of the current BREAKPOINT reached the guest's debugger with RIP past the INT3. */
  boolean breakpointPassed;
  /** The listener emulated the instruction under its breakpoint at the current system call's handler. */
  boolean hookPassed;

  /** The page-table base of the task's address space: every task is a process with its own. */
  long cr3() {
    return CR3_TASKS + ((long) id << 12);
  }

  Task(int id, Task parent, Program program, int vcpu) {
    this.id = id;
    this.parent = parent;
    this.program = program;
    this.lastVcpu = vcpu;
  }

  /** Moves past the current operation; the program is done after its last round. */
  void advance() {
    pageReady = false;
    breakpointPassed = false;
    hookPassed = false;
    pc++;
    if (pc == program.length()) {
      pc = 0;
      round++;
      if (round == program.repeat()) {
        done = true;
      }
    }
  }
}
