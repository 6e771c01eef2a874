package io.trapscope.analyzer.rules;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.TimelineState;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@link #ROWS} events of one vCPU, from which a finding's timeline is cut; a ring, so memory is
 * fixed whatever the trace's length. Each row's numbers sit side by side in one array, for locality, with
 * the vCPU's inject slot and pending event after the row (as {@link InjectionTracker} encodes them).
 */
final class History {
  static final int ROWS = 256;
  private static final int FIELDS = 9;

  private final long[] numbers = new long[ROWS * FIELDS];
  private final String[] kinds = new String[ROWS];
  private final int vcpu;
  private int next;
  private long written;

  History(int vcpu) {
    this.vcpu = vcpu;
  }

  void add(Event event, long slotState, long pendingState) {
    int base = next * FIELDS;
    numbers[base] = event.seq;
    numbers[base + 1] = event.tick;
    numbers[base + 2] = event.task;
    numbers[base + 3] = event.ts ? 1 : 0;
    numbers[base + 4] = event.fpuOwner;
    numbers[base + 5] = event.value;
    numbers[base + 6] = event.aux;
    numbers[base + 7] = slotState;
    numbers[base + 8] = pendingState;
    kinds[next] = event.kindName;
    next = (next + 1) & (ROWS - 1);
    written++;
  }

  /** The rows with seq in {@code [from, to]} still held, oldest first; at most {@code limit}, the latest. */
  List<EvidenceRow> between(long from, long to, int limit) {
    List<EvidenceRow> rows = new ArrayList<>();
    long held = Math.min(written, ROWS);
    for (long index = written - held; index < written; index++) {
      int slot = (int) (index % ROWS);
      int base = slot * FIELDS;
      long seq = numbers[base];
      if (seq >= from && seq <= to) {
        rows.add(
            new EvidenceRow(
                "timeline", seq, numbers[base + 1], vcpu, (int) numbers[base + 2], kinds[slot], numbers[base + 3] != 0,
                (int) numbers[base + 4], numbers[base + 5], numbers[base + 6]));
      }
    }
    return rows.size() <= limit ? rows : rows.subList(rows.size() - limit, rows.size());
  }

  /** The inject slot and pending event after each row {@link #between} returns for the same arguments. */
  List<TimelineState> statesBetween(long from, long to, int limit) {
    List<TimelineState> states = new ArrayList<>();
    long held = Math.min(written, ROWS);
    for (long index = written - held; index < written; index++) {
      int base = (int) (index % ROWS) * FIELDS;
      long seq = numbers[base];
      if (seq >= from && seq <= to) {
        states.add(
            new TimelineState(seq, InjectionTracker.describeSlot(numbers[base + 7]), InjectionTracker.describePending(numbers[base + 8])));
      }
    }
    return states.size() <= limit ? states : states.subList(states.size() - limit, states.size());
  }
}
