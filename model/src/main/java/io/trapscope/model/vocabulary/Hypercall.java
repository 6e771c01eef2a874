package io.trapscope.model.vocabulary;

/** A hypercall's number: the {@code value} of {@code HYPERCALL}. */
public enum Hypercall implements Code {
  FPU_TASKSWITCH(5, "fpu_taskswitch");

  private final int code;
  private final String label;

  Hypercall(int code, String label) {
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
