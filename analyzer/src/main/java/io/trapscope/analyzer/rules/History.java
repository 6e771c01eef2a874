package io.trapscope.analyzer.rules;

import io.trapscope.analyzer.EvidenceRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@link #ROWS} events of one vCPU, from which a finding's timeline is cut; a ring, so memory is
 * fixed whatever the trace's length.
 */
final class History {
  static final int ROWS = 256;

  private final long[] seq = new long[ROWS];
  private final long[] tick = new long[ROWS];
  private final int[] task = new int[ROWS];
  private final String[] kind = new String[ROWS];
  private final boolean[] ts = new boolean[ROWS];
  private final int[] fpuOwner = new int[ROWS];
  private final long[] value = new long[ROWS];
  private final long[] aux = new long[ROWS];
  private final int vcpu;
  private long written;

  History(int vcpu) {
    this.vcpu = vcpu;
  }

  void add(Event event) {
    int slot = (int) (written++ % ROWS);
    seq[slot] = event.seq;
    tick[slot] = event.tick;
    task[slot] = event.task;
    kind[slot] = event.kindName;
    ts[slot] = event.ts;
    fpuOwner[slot] = event.fpuOwner;
    value[slot] = event.value;
    aux[slot] = event.aux;
  }

  /** The rows with seq in {@code [from, to]} still held, oldest first; at most {@code limit}, the latest. */
  List<EvidenceRow> between(long from, long to, int limit) {
    List<EvidenceRow> rows = new ArrayList<>();
    long held = Math.min(written, ROWS);
    for (long index = written - held; index < written; index++) {
      int slot = (int) (index % ROWS);
      if (seq[slot] >= from && seq[slot] <= to) {
        rows.add(new EvidenceRow("timeline", seq[slot], tick[slot], vcpu, task[slot], kind[slot], ts[slot], fpuOwner[slot], value[slot], aux[slot]));
      }
    }
    return rows.size() <= limit ? rows : rows.subList(rows.size() - limit, rows.size());
  }
}
