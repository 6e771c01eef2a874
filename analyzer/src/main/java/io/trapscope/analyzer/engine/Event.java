package io.trapscope.analyzer.engine;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.model.vocabulary.EventKind;

/** The event being analysed; one instance, refilled row after row, so rules copy what they keep. */
public final class Event {
  public long seq;
  public long tick;
  public int vcpu;
  public int task;
  /** The kind, or null for a kind this version does not know. */
  public EventKind kind;
  public String kindName;
  public boolean ts;
  public int fpuOwner;
  public long value;
  public long aux;

  /** A copy of this row as evidence playing {@code role}. */
  public EvidenceRow row(String role) {
    return new EvidenceRow(role, seq, tick, vcpu, task, kindName, ts, fpuOwner, value, aux);
  }
}
