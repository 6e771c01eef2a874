package io.trapscope.replayer;

import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.PrefetchingReader;
import io.trapscope.formats.Table;
import io.trapscope.formats.Table.Choices;
import io.trapscope.formats.TraceReader;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trace's recorded choices, streamed and looked up by key. The next question of an exact replay is the
 * log's next row, found at once; a changed model asks in another order, so rows read past on the way are
 * held in a window, the oldest given up once it holds {@link #WINDOW_MAX}.
 */
final class ChoiceLog implements AutoCloseable {
  /** Rows held for later questions; a changed run that strays further from the log draws fresh answers. */
  static final int WINDOW_MAX = 1 << 18;

  /** A choice's key. */
  record Key(int point, int vcpu, int task, long ordinal) {
    String describe() {
      return ChoicePoint.values()[point].id() + " (vCPU " + vcpu + ", task " + task + ", #" + ordinal + ")";
    }
  }

  /** One logged choice. */
  record Entry(Key key, long seq, long value) {}

  private final PrefetchingReader reader;
  private final Map<Key, Entry> window = new LinkedHashMap<>();
  private final ChoicePoint[] pointOfCode = new ChoicePoint[64];
  private ColumnBatch batch;
  private int row;
  private boolean exhausted;
  private boolean tookHead;
  private Entry firstSkipped;
  private long taken;
  private long givenUp;

  ChoiceLog(TraceReader trace) {
    this.reader = new PrefetchingReader(trace.openTable(Table.CHOICES), Table.CHOICES, ColumnBatch.CAPACITY_DEFAULT);
  }

  /**
   * The logged choice for this key, taken out of the log; null if the log holds none within reach. Sets
   * {@link #tookHead()} when it was the log's very next row, as every answer of an exact replay is.
   */
  Entry take(ChoicePoint point, int vcpu, int task, long ordinal) {
    boolean head = window.isEmpty();
    firstSkipped = head ? null : window.values().iterator().next();
    if (!head) {
      Entry held = window.remove(new Key(point.ordinal(), vcpu, task, ordinal));
      if (held != null) {
        taken++;
        tookHead = false;
        return held;
      }
    }
    while (true) {
      if (!advance()) {
        tookHead = false;
        return null;
      }
      ChoicePoint logged = pointAt(row);
      boolean matches =
          logged == point
              && batch.get(Choices.VCPU, row) == vcpu
              && batch.get(Choices.TASK, row) == task
              && batch.get(Choices.ORDINAL, row) == ordinal;
      Entry entry = entryAt(row, logged);
      row++;
      if (matches) {
        taken++;
        tookHead = head;
        return entry;
      }
      if (firstSkipped == null) {
        firstSkipped = entry;
      }
      head = false;
      hold(entry);
    }
  }

  /** Whether the last {@link #take} found its answer as the log's very next row. */
  boolean tookHead() {
    return tookHead;
  }

  /** The log's next row when the last {@link #take} began, if that take did not find its answer there. */
  Entry firstSkipped() {
    return firstSkipped;
  }

  private void hold(Entry entry) {
    if (window.size() == WINDOW_MAX) {
      Iterator<Entry> oldest = window.values().iterator();
      oldest.next();
      oldest.remove();
      givenUp++;
    }
    window.put(entry.key(), entry);
  }

  private boolean advance() {
    while (batch == null || row >= batch.size()) {
      if (exhausted) {
        return false;
      }
      batch = reader.next();
      row = 0;
      if (batch == null) {
        exhausted = true;
        return false;
      }
    }
    return true;
  }

  private ChoicePoint pointAt(int index) {
    int code = (int) batch.get(Choices.POINT, index);
    if (code >= pointOfCode.length || pointOfCode[code] == null) {
      String name = batch.string(Choices.POINT, index);
      ChoicePoint point = ChoicePoint.byId(name);
      if (point == null || code >= pointOfCode.length) {
        throw new IllegalArgumentException("unknown choice point '" + name + "'");
      }
      pointOfCode[code] = point;
    }
    return pointOfCode[code];
  }

  private Entry entryAt(int index, ChoicePoint point) {
    Key key =
        new Key(point.ordinal(), (int) batch.get(Choices.VCPU, index), (int) batch.get(Choices.TASK, index), batch.get(Choices.ORDINAL, index));
    return new Entry(key, batch.get(Choices.SEQ, index), batch.get(Choices.VALUE, index));
  }

  /** Logged choices taken by the replay. */
  long taken() {
    return taken;
  }

  /** Logged choices never taken: given up from the window, still in it, or never read. */
  long untaken(long logged) {
    return logged - taken;
  }

  long givenUp() {
    return givenUp;
  }

  @Override
  public void close() {
    reader.close();
  }
}
