package io.trapscope.model.vocabulary;

/** How an event is delivered, as in VMX's VM-entry interruption-information field. */
public enum TrapType {
  HW_EXCEPTION,
  SW_EXCEPTION,
  EXT_INTR,
  NMI
}
