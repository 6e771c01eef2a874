package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.EvidenceRow;

/** A request that paused its vCPU until the listener answers. */
public final class SyncRequest {
  /** What raised it: the BREAKPOINT, DELIVERY_FAULT or CR_WRITE; null if unknown. */
  public final EvidenceRow cause;
  /** The MEM_EVENT_PUT; null if unknown. */
  public final EvidenceRow put;
  public final EvidenceRow pause;

  SyncRequest(EvidenceRow cause, EvidenceRow put, EvidenceRow pause) {
    this.cause = cause;
    this.put = put;
    this.pause = pause;
  }
}
