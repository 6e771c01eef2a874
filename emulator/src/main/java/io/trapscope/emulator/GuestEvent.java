package io.trapscope.emulator;

import io.trapscope.model.vocabulary.TrapSource;
import io.trapscope.model.vocabulary.TrapType;

/**
 * An event on its way into the guest: in an inject slot, or pending in the VM-entry interruption field. It
 * is a trap of the {@link TrapTable}; an INT3's #BP also remembers the instruction it belongs to.
 */
final class GuestEvent {
  static final int NO_INSTRUCTION = -1;

  /** Its trap, or -1 for an injection whose first {@code HVMOP_inject_trap} has not been made. */
  long trapId;
  final int vector;
  final TrapType type;
  final TrapSource source;
  final long errorCode;
  final int insnLen;
  /** The task and program counter of the INT3 a #BP stands for, or {@link #NO_INSTRUCTION}. */
  final int task;
  final int pc;
  /** Its delivery faulted once; the page has been made writable since, so delivery succeeds next time. */
  boolean faulted;
  /** Its violation request found the ring full: the write is retried, and faults again. */
  boolean refault;

  GuestEvent(long trapId, int vector, TrapType type, TrapSource source, long errorCode, int insnLen, int task, int pc) {
    this.trapId = trapId;
    this.vector = vector;
    this.type = type;
    this.source = source;
    this.errorCode = errorCode;
    this.insnLen = insnLen;
    this.task = task;
    this.pc = pc;
  }

  /** How far delivery moves RIP past the trapping instruction: a software exception's length, else 0. */
  int ripAdvance() {
    return type == TrapType.SW_EXCEPTION ? insnLen : 0;
  }
}
