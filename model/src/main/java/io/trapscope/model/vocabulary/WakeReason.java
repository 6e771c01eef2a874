package io.trapscope.model.vocabulary;

/** What a sleeping task waited for: the {@code value} of {@code TASK_WAKE}. */
public enum WakeReason implements Code {
  SYSCALL(0, "system call"),
  ALLOCATION(1, "allocation"),
  CHILD(2, "child exit");

  private final int code;
  private final String label;

  WakeReason(int code, String label) {
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
