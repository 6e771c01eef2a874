package io.trapscope.analyzer.engine;

import io.trapscope.analyzer.EvidenceRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The last {@link #ROWS} events of one vCPU, from which a finding's timeline is cut; a ring, so memory is
 * fixed whatever the trace's length. Each row's numbers sit side by side in one array, for locality, with
 * the families' state after the row (such as the vCPU's inject slot and pending event) behind them.
 */
final class History {
  static final int ROWS = 256;
  private static final int EVENT_FIELDS = 7;

  private final int fields;
  private final int columns;
  private final long[] numbers;
  private final String[] kinds = new String[ROWS];
  private final int vcpu;
  private int next;
  private long written;

  History(int vcpu, int columns) {
    this.vcpu = vcpu;
    this.columns = columns;
    this.fields = EVENT_FIELDS + columns;
    this.numbers = new long[ROWS * fields];
  }

  void add(Event event, long[] state) {
    int base = next * fields;
    numbers[base] = event.seq;
    numbers[base + 1] = event.tick;
    numbers[base + 2] = event.task;
    numbers[base + 3] = event.ts ? 1 : 0;
    numbers[base + 4] = event.fpuOwner;
    numbers[base + 5] = event.value;
    numbers[base + 6] = event.aux;
    System.arraycopy(state, 0, numbers, base + EVENT_FIELDS, columns);
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
      int base = slot * fields;
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

  /** The families' state after each row {@link #between} returns for the same arguments. */
  List<long[]> statesBetween(long from, long to, int limit) {
    List<long[]> states = new ArrayList<>();
    long held = Math.min(written, ROWS);
    for (long index = written - held; index < written; index++) {
      int base = (int) (index % ROWS) * fields;
      long seq = numbers[base];
      if (seq >= from && seq <= to) {
        long[] state = Arrays.copyOfRange(numbers, base + EVENT_FIELDS - 1, base + fields);
        state[0] = seq;
        states.add(state);
      }
    }
    return states.size() <= limit ? states : states.subList(states.size() - limit, states.size());
  }
}
