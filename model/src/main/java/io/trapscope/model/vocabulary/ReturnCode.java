package io.trapscope.model.vocabulary;

/** What a hypercall returned, as the trapscope model numbers it: the {@code aux} of {@code PARAM_SET}. */
public enum ReturnCode implements Code {
  OK(0, "0"),
  EPERM(-1, "-EPERM"),
  EINVAL(-22, "-EINVAL");

  private final int code;
  private final String label;

  ReturnCode(int code, String label) {
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
