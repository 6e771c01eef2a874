package io.trapscope.emulator;

/** Who raised a trap. */
public enum TrapSource {
  /** The CPU, for an instruction of the guest (such as an FPU instruction with CR0.TS set). */
  CPU("cpu");

  private final String id;

  TrapSource(String id) {
    this.id = id;
  }

  /** The name used in traces. */
  public String id() {
    return id;
  }
}
