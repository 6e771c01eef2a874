package io.trapscope.analyzer.engine;

import io.trapscope.analyzer.EvidenceRow;
import java.util.List;

/** Each vCPU's recent events, from which findings cut their timelines; fixed memory per vCPU. */
public final class Timelines {
  private History[] vcpus = new History[8];
  private int columns;

  void setColumns(int columns) {
    this.columns = columns;
  }

  void add(Event event, long[] state) {
    vcpu(event.vcpu).add(event, state);
  }

  /** Rows of {@code vcpu}'s recent history with seq in {@code [from, to]}, at most {@code limit}, the latest. */
  public List<EvidenceRow> between(int vcpu, long from, long to, int limit) {
    return vcpu(vcpu).between(from, to, limit);
  }

  /**
   * For each row {@link #between} returns for the same arguments: its seq, then the numbers every family
   * kept beside it ({@link FamilyRun#timelineState}), in family order.
   */
  public List<long[]> statesBetween(int vcpu, long from, long to, int limit) {
    return vcpu(vcpu).statesBetween(from, to, limit);
  }

  private History vcpu(int vcpu) {
    if (vcpu >= vcpus.length) {
      vcpus = java.util.Arrays.copyOf(vcpus, Math.max(vcpu + 1, vcpus.length * 2));
    }
    History history = vcpus[vcpu];
    if (history == null) {
      history = new History(vcpu, columns);
      vcpus[vcpu] = history;
    }
    return history;
  }
}
