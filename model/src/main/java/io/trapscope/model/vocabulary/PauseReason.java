package io.trapscope.model.vocabulary;

/** Why Xen paused a vCPU: the {@code value} of {@code VCPU_PAUSE} and {@code VCPU_UNPAUSE}. */
public enum PauseReason implements Code {
  SYNC(1, "sync request"),
  RING_FULL(2, "ring full"),
  RING_WAIT(3, "waiting for a ring slot"),
  FEW_SLOTS(4, "few ring slots left"),
  DOMAIN_SELF(5, "domain paused itself");

  private final Value value;

  PauseReason(int code, String label) {
    this.value = new Value(code, label);
  }

  @Override
  public Value value() {
    return value;
  }
}
