package io.trapscope.model.vocabulary;

/** Why the hypervisor crashed the domain: the {@code value} of {@code DOMAIN_CRASH}. */
public enum CrashReason implements Code {
  NESTED_NM_STACK_OVERFLOW(1, "the kernel stack overflowed with nested #NM handlers"),
  VMENTRY_FAILED(2, "Xen's VM entry failed (vm_resume_fail)");

  private final Value value;

  CrashReason(int code, String label) {
    this.value = new Value(code, label);
  }

  @Override
  public Value value() {
    return value;
  }
}
