package io.trapscope.model.vocabulary;

/** A control register's number: the {@code aux} of {@code CR_WRITE}. */
public enum ControlRegister implements Code {
  CR0(0, "CR0"),
  CR3(3, "CR3"),
  CR4(4, "CR4");

  private final Value value;

  ControlRegister(int code, String label) {
    this.value = new Value(code, label);
  }

  @Override
  public Value value() {
    return value;
  }
}
