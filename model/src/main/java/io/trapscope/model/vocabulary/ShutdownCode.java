package io.trapscope.model.vocabulary;

/** Xen's shutdown code: the {@code value} of {@code DOMAIN_SHUTDOWN}. */
public enum ShutdownCode implements Code {
  REBOOT(1, "reboot");

  private final Value value;

  ShutdownCode(int code, String label) {
    this.value = new Value(code, label);
  }

  @Override
  public Value value() {
    return value;
  }
}
