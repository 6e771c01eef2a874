package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.engine.RowSlot;
import io.trapscope.model.vocabulary.Vectors;

/** One vCPU's injection state after the last event applied. */
public final class VcpuInjections {
  public final int vcpu;
  /** The injection in the slot: accepted, not yet taken at a schedule-in. */
  public Injection slot;
  public PendingEvent pending;
  /** An injection just taken from the slot that meets a pending event: the next row says how. */
  public Injection entering;
  final RowSlot interruptRaise = new RowSlot();
  final RowSlot nmiRaise = new RowSlot();
  final RowSlot lastBreakpoint = new RowSlot();
  final RowSlot lastControlWrite = new RowSlot();
  final RowSlot lastDeliveryFault = new RowSlot();
  final RowSlot lastPut = new RowSlot();
  EvidenceRow lastPutCause;

  VcpuInjections(int vcpu) {
    this.vcpu = vcpu;
  }

  /** Where the raise of a waiting NMI or interrupt is kept: the LAPIC holds one of each. */
  RowSlot lapicRaise(long vector) {
    return vector == Vectors.NMI ? nmiRaise : interruptRaise;
  }
}
