package io.trapscope.model.vocabulary;

/** How an event is delivered, as in VMX's VM-entry interruption-information field. */
public enum TrapType {
  HW_EXCEPTION,
  SW_EXCEPTION,
  EXT_INTR,
  NMI;

  /**
   * Whether Xen re-arms an event of this type whose delivery faulted, from the IDT-vectoring information
   * ({@code hvm_event_needs_reinjection}, 4.1.0 hvm.c:158-177, the same through 4.9.0): interrupts and NMIs
   * yes; hardware exceptions except #BP and #OF; software exceptions never, since they "can be
   * re-executed": the instruction runs again instead.
   */
  public boolean rearmedAfterFaultedDelivery(long vector) {
    switch (this) {
      case EXT_INTR:
      case NMI:
        return true;
      case HW_EXCEPTION:
        return vector != Vectors.BREAKPOINT && vector != Vectors.OVERFLOW;
      default:
        return false;
    }
  }
}
