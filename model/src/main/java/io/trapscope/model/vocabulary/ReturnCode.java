package io.trapscope.model.vocabulary;

/** What a hypercall returned, as the trapscope model numbers it: the {@code aux} of {@code PARAM_SET}. */
public enum ReturnCode implements Code {
  OK(0, "0"),
  EPERM(-1, "-EPERM"),
  EINVAL(-22, "-EINVAL");

  private final Value value;

  ReturnCode(int code, String label) {
    this.value = new Value(code, label);
  }

  @Override
  public Value value() {
    return value;
  }
}
