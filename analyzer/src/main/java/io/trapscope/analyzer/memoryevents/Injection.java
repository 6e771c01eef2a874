package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.model.vocabulary.Vectors;

/** One listener injection: a trap id, its -EBUSY refusals, its acceptance and its VM entry. */
public final class Injection {
  public final long trapId;
  public final int vector;
  /** The task the injection is about (its first attempt's row). */
  public final int task;
  /** For a #BP, the task's last INT3 before the first attempt; null otherwise or if unknown. */
  public EvidenceRow breakpoint;
  public EvidenceRow firstRefusal;
  public EvidenceRow lastRefusal;
  /** The trap id the slot held at the first refusal, -1 if unknown. */
  public long refusedWhileSlotHeld = -1;
  public int refusals;
  public EvidenceRow request;
  public EvidenceRow entry;

  Injection(long trapId, int vector, int task) {
    this.trapId = trapId;
    this.vector = vector;
    this.task = task;
  }

  /** "#BP (trap 387)". */
  public String describe() {
    return Vectors.name(vector) + " (trap " + trapId + ")";
  }
}
