package io.trapscope.model.vocabulary;

/** {@code HVM_PARAM_MEMORY_EVENT_*}: the parameter a {@code PARAM_SET} sets, its {@code value}. */
public enum HvmParameter implements Code {
  MEMORY_EVENT_CR0(20, "HVM_PARAM_MEMORY_EVENT_CR0"),
  MEMORY_EVENT_CR3(21, "HVM_PARAM_MEMORY_EVENT_CR3"),
  MEMORY_EVENT_CR4(22, "HVM_PARAM_MEMORY_EVENT_CR4"),
  MEMORY_EVENT_INT3(23, "HVM_PARAM_MEMORY_EVENT_INT3");

  private final int code;
  private final String label;

  HvmParameter(int code, String label) {
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
