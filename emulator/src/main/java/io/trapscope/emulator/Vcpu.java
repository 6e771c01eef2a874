package io.trapscope.emulator;

import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.model.vocabulary.TrapType;
import io.trapscope.model.vocabulary.Vectors;

/** A virtual CPU: CR0 as the guest sees it, the FPU register file, and the task running on it. */
final class Vcpu {
  static final long CR0_TS = 1L << 3;
  /** PE, MP, ET, NE, WP, AM and PG: a protected-mode, paging guest. */
  static final long CR0_BASE = 0x8005_0033L;
  /** {@code swapper_pg_dir}: the page tables of {@code init_mm}. */
  static final long CR3_BOOT = 0x01a0_d000L;
  /** PSE, PAE, MCE, PGE, OSFXSR and OSXMMEXCPT: a 64-bit Linux guest. */
  static final long CR4_BASE = 0x06f0L;
  static final long CR4_PGE = 1L << 7;

  final int id;
  final long[] choiceOrdinals = new long[ChoicePoint.values().length];

  /** Guest-visible CR0; under PV, the virtual CR0 ({@code arch.pv_vcpu.ctrlreg[0]}). */
  long cr0;
  /** The FPU registers, reduced to one value and the task whose write it is (-1: initial state). */
  long fpuValue;
  int fpuOwner = -1;
  /**
   * Linux 3.x's per-CPU {@code fpu_owner_task}: the task whose state the kernel last loaded into these
   * registers, or null. Not the same as {@link #fpuOwner}: a task that writes the registers without
   * trapping changes their data but never becomes the owner.
   */
  Task fpuOwnerTask;

  /** The page-table base loaded; at boot, the kernel's own ({@code init_mm}). */
  long cr3 = CR3_BOOT;
  long cr4 = CR4_BASE;

  Task current;
  boolean halted;
  long awayUntilTick = -1;
  long stepsUntilDeschedule = Long.MAX_VALUE;

  /** {@code vcpu_pause} count: one per unanswered sync request. */
  int pauseCount;
  /** Why Xen blocks the vCPU on the ring (a {@code PAUSE_*} reason of {@link MemoryEvents}), 0 if it does not. */
  int ringBlock;
  /** HVM: {@code hvm_do_resume} runs at the next step, because the vCPU was scheduled out. */
  boolean scheduleInDue;
  /** Steps until Xen's time slice ends on this running vCPU and its scheduler pass takes the inject slot; 0 none counted. */
  long sliceStepsLeft;
  /** Xen's one outstanding {@code HVMOP_inject_trap}, or null. */
  GuestEvent injectSlot;
  /** The VM-entry interruption field: the event the CPU delivers at the next VM entry, or null. */
  GuestEvent pending;
  /** The local timer's interrupts from the virtual LAPIC. */
  final LapicLine interrupts = new LapicLine(Vectors.LOCAL_TIMER, TrapType.EXT_INTR, ChoicePoint.GUEST_INTERRUPT);
  /** NMIs from the virtual LAPIC; a waiting one goes before a waiting interrupt. */
  final LapicLine nmis = new LapicLine(Vectors.NMI, TrapType.NMI, ChoicePoint.GUEST_NMI);

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
