package io.trapscope.model.vocabulary;

/** Why the hypervisor crashed the domain: the {@code value} of {@code DOMAIN_CRASH}. */
public enum CrashReason implements Code {
  NESTED_NM_STACK_OVERFLOW(1, "the kernel stack overflowed with nested #NM handlers");

  private final int code;
  private final String label;

  CrashReason(int code, String label) {
    this.code = code;
    this.label = label;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String label() {
    return label;
  }
}
