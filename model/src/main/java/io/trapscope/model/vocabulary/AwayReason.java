package io.trapscope.model.vocabulary;

/** Why Xen took a vCPU off its physical CPU: the {@code value} of {@code VCPU_DESCHEDULE} and {@code VCPU_RESUME}. */
public enum AwayReason implements Code {
  PREEMPTED(0, "preempted by Xen's scheduler"),
  HALTED(1, "halted by the idle guest");

  private final int code;
  private final String label;

  AwayReason(int code, String label) {
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
