package io.trapscope.model.vocabulary;

/** {@code HVM_PARAM_MEMORY_EVENT_*}: the parameter a {@code PARAM_SET} sets, its {@code value}. */
public enum HvmParameter implements Code {
  MEMORY_EVENT_CR0(20, "HVM_PARAM_MEMORY_EVENT_CR0"),
  MEMORY_EVENT_CR3(21, "HVM_PARAM_MEMORY_EVENT_CR3"),
  MEMORY_EVENT_CR4(22, "HVM_PARAM_MEMORY_EVENT_CR4"),
  MEMORY_EVENT_INT3(23, "HVM_PARAM_MEMORY_EVENT_INT3");

  private final Value value;

  HvmParameter(int code, String label) {
    this.value = new Value(code, label);
  }

  @Override
  public Value value() {
    return value;
  }
}
