package io.trapscope.model.vocabulary;

/** Where the FPU registers were loaded from the task's area: the {@code aux} of {@code FPU_RESTORE}. */
public enum RestoreWhere implements Code {
  IN_HANDLER(0, "in the #NM handler"),
  PRELOAD(1, "preloaded at a switch");

  private final Value value;

  RestoreWhere(int code, String label) {
    this.value = new Value(code, label);
  }

  @Override
  public Value value() {
    return value;
  }
}
