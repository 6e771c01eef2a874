package io.trapscope.analyzer.engine;

import io.trapscope.analyzer.EvidenceRow;

/**
 * A remembered event, overwritten in place: the tracker notes the last FPU load or write of every vCPU and
 * task on every such event, and only a finding needs it as an {@link EvidenceRow}.
 */
public final class RowSlot {
  private boolean present;
  private long seq;
  private long tick;
  private int vcpu;
  private int task;
  private String kind;
  private boolean ts;
  private int fpuOwner;
  private long value;
  private long aux;

  /** Notes {@code event}. */
  public void set(Event event) {
    present = true;
    seq = event.seq;
    tick = event.tick;
    vcpu = event.vcpu;
    task = event.task;
    kind = event.kindName;
    ts = event.ts;
    fpuOwner = event.fpuOwner;
    value = event.value;
    aux = event.aux;
  }

  /** Notes what {@code other} noted. */
  public void copyFrom(RowSlot other) {
    present = other.present;
    seq = other.seq;
    tick = other.tick;
    vcpu = other.vcpu;
    task = other.task;
    kind = other.kind;
    ts = other.ts;
    fpuOwner = other.fpuOwner;
    value = other.value;
    aux = other.aux;
  }

  /** Forgets the event. */
  public void clear() {
    present = false;
  }

  public boolean present() {
    return present;
  }

  public long seq() {
    return seq;
  }

  public int task() {
    return task;
  }

  public int vcpu() {
    return vcpu;
  }

  public String kind() {
    return kind;
  }

  /** The event as evidence playing {@code role}; null if nothing was noted. */
  public EvidenceRow row(String role) {
    return present ? new EvidenceRow(role, seq, tick, vcpu, task, kind, ts, fpuOwner, value, aux) : null;
  }
}
