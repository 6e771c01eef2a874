package io.trapscope.model.vocabulary;

/** Why the guest scheduler switched a vCPU: the {@code aux} of {@code TASK_SWITCH}. */
public enum SwitchReason implements Code {
  BLOCKED(0, "blocked or slept"),
  PREEMPTED(1, "preempted by the timer"),
  EXITED(2, "exited"),
  FROM_IDLE(3, "the vCPU was idle");

  private final Value value;

  SwitchReason(int code, String label) {
    this.value = new Value(code, label);
  }

  @Override
  public Value value() {
    return value;
  }
}
