package io.trapscope.model.vocabulary;

/** What a sleeping task waited for: the {@code value} of {@code TASK_WAKE}. */
public enum WakeReason implements Code {
  SYSCALL(0, "system call"),
  ALLOCATION(1, "allocation"),
  CHILD(2, "child exit");

  private final Value value;

  WakeReason(int code, String label) {
    this.value = new Value(code, label);
  }

  @Override
  public Value value() {
    return value;
  }
}
