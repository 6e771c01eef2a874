package io.trapscope.model.vocabulary;

/** A hypercall's number: the {@code value} of {@code HYPERCALL}. */
public enum Hypercall implements Code {
  FPU_TASKSWITCH(5, "fpu_taskswitch");

  private final Value value;

  Hypercall(int code, String label) {
    this.value = new Value(code, label);
  }

  @Override
  public Value value() {
    return value;
  }
}
