package io.trapscope.model.vocabulary;

/** Why Xen took a vCPU off its physical CPU: the {@code value} of {@code VCPU_DESCHEDULE} and {@code VCPU_RESUME}. */
public enum AwayReason implements Code {
  PREEMPTED(0, "preempted by Xen's scheduler"),
  HALTED(1, "halted by the idle guest");

  private final Value value;

  AwayReason(int code, String label) {
    this.value = new Value(code, label);
  }

  @Override
  public Value value() {
    return value;
  }
}
