package io.trapscope.model.vocabulary;

/** {@code MEM_EVENT_REASON_*}: what a memory-event request reports, the {@code value} of {@code MEM_EVENT_*} events. */
public enum MemoryEventReason implements Code {
  VIOLATION(1, "violation"),
  CR0(2, "CR0"),
  CR3(3, "CR3"),
  CR4(4, "CR4"),
  INT3(5, "INT3");

  private final Value value;

  MemoryEventReason(int code, String label) {
    this.value = new Value(code, label);
  }

  @Override
  public Value value() {
    return value;
  }

  /** The control register a CR0, CR3 or CR4 request reports (CR_WRITE numbers it 0, 3, 4), or null. */
  public ControlRegister register() {
    switch (this) {
      case CR0:
        return ControlRegister.CR0;
      case CR3:
        return ControlRegister.CR3;
      case CR4:
        return ControlRegister.CR4;
      default:
        return null;
    }
  }
}
