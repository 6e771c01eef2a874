package io.trapscope.replayer;

import io.trapscope.analyzer.EvidenceRow;
import java.util.ArrayList;
import java.util.List;

/** The last few events, kept as numbers so that the hot path allocates nothing; rows only on demand. */
final class TailRing {
  private static final int FIELDS = 8;

  private final int size;
  private final long[] numbers;
  private final String[] kinds;
  private long written;

  TailRing(int size) {
    this.size = size;
    this.numbers = new long[size * FIELDS];
    this.kinds = new String[size];
  }

  void add(long seq, long tick, int vcpu, int task, String kind, boolean ts, int fpuOwner, long value, long aux) {
    int slot = (int) (written++ % size);
    int base = slot * FIELDS;
    numbers[base] = seq;
    numbers[base + 1] = tick;
    numbers[base + 2] = vcpu;
    numbers[base + 3] = task;
    numbers[base + 4] = ts ? 1 : 0;
    numbers[base + 5] = fpuOwner;
    numbers[base + 6] = value;
    numbers[base + 7] = aux;
    kinds[slot] = kind;
  }

  /** The rows held, oldest first. */
  List<EvidenceRow> rows() {
    List<EvidenceRow> rows = new ArrayList<>();
    for (long index = Math.max(0, written - size); index < written; index++) {
      int slot = (int) (index % size);
      int base = slot * FIELDS;
      rows.add(
          new EvidenceRow(
              "tail", numbers[base], numbers[base + 1], (int) numbers[base + 2], (int) numbers[base + 3], kinds[slot],
              numbers[base + 4] != 0, (int) numbers[base + 5], numbers[base + 6], numbers[base + 7]));
    }
    return rows;
  }
}
