package io.trapscope.model.vocabulary;

/**
 * Why the processor refused a VM entry, so that Xen's {@code vm_resume_fail} crashed the domain
 * ({@code domain_crash_synchronous}, 4.1.0 vmcs.c:1037): the {@code aux} of {@code VMENTRY_FAIL}.
 */
public enum VmEntryFailure implements Code {
  /** The SDM's VM-entry checks refuse a software exception that delivers an error code. */
  SOFTWARE_EXCEPTION_WITH_ERROR_CODE(1, "a software exception delivering an error code"),
  /** A software exception of length 0, where IA32_VMX_MISC bit 30 is clear: the SDM asks for 1 to 15. */
  ZERO_LENGTH_SOFTWARE_EXCEPTION(2, "a software exception of length 0");

  private final Value value;

  VmEntryFailure(int code, String label) {
    this.value = new Value(code, label);
  }

  @Override
  public Value value() {
    return value;
  }
}
