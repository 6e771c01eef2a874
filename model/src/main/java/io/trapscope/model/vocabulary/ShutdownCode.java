package io.trapscope.model.vocabulary;

/** Xen's shutdown code: the {@code value} of {@code DOMAIN_SHUTDOWN}. */
public enum ShutdownCode implements Code {
  REBOOT(1, "reboot");

  private final int code;
  private final String label;

  ShutdownCode(int code, String label) {
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
