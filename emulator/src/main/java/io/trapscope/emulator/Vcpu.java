package io.trapscope.emulator;

import io.trapscope.emulator.choice.ChoicePoint;

/** A virtual CPU: CR0 as the guest sees it, the FPU register file, and the task running on it. */
final class Vcpu {
  static final long CR0_TS = 1L << 3;
  /** PE, MP, ET, NE, WP, AM and PG: a protected-mode, paging guest. */
  static final long CR0_BASE = 0x8005_0033L;

  final int id;
  final long[] choiceOrdinals = new long[ChoicePoint.values().length];

  /** Guest-visible CR0; under PV, the virtual CR0 ({@code arch.pv_vcpu.ctrlreg[0]}). */
  long cr0;
  /** The FPU registers, reduced to one value and the task whose write it is (-1: initial state). */
  long fpuValue;
  int fpuOwner = -1;

  Task current;
  boolean halted;
  long awayUntilTick = -1;
  long stepsUntilDeschedule = Long.MAX_VALUE;

  Vcpu(int id, boolean ts) {
    this.id = id;
    this.cr0 = CR0_BASE | (ts ? CR0_TS : 0);
  }

  boolean ts() {
    return (cr0 & CR0_TS) != 0;
  }

  void setTs(boolean set) {
    cr0 = set ? cr0 | CR0_TS : cr0 & ~CR0_TS;
  }

  int currentId() {
    return current == null ? -1 : current.id;
  }
}
