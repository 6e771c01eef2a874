package io.trapscope.replayer;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.emulator.EventSink;
import io.trapscope.emulator.TrapRecord;
import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.PrefetchingReader;
import io.trapscope.formats.Table.Events;
import io.trapscope.formats.Table.Traps;
import io.trapscope.formats.Table;
import io.trapscope.formats.TraceReader;
import io.trapscope.model.vocabulary.EventKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a replay's events and traps with the recorded ones as both stream past, keeping the last
 * {@link #TAIL_ROWS} identical events for the report. Remembers the first difference; in an exact replay
 * that also stops the machine.
 */
final class ReplayComparator implements EventSink, AutoCloseable {
  static final int TAIL_ROWS = 20;

  /** Thrown out of the machine to stop an exact replay at its first divergence. */
  static final class Diverged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Diverged() {
      super("replay diverged", null, false, false);
    }
  }

  private final PrefetchingReader events;
  private final PrefetchingReader traps;
  private final boolean stopAtDivergence;
  private final TailRing tail = new TailRing(TAIL_ROWS);
  private int[] kindByCode = new int[0];
  private final String[] kindNames = names();
  private LoggedChoiceSource choices;
  private ColumnBatch eventBatch;
  private int eventRow;
  private ColumnBatch trapBatch;
  private int trapRow;
  private long seq;
  private long trapsSeen;
  private Divergence divergence;

  ReplayComparator(TraceReader trace, boolean stopAtDivergence) {
    this.events = new PrefetchingReader(trace.openTable(Table.EVENTS), Table.EVENTS, ColumnBatch.CAPACITY_DEFAULT);
    this.traps = new PrefetchingReader(trace.openTable(Table.TRAPS), Table.TRAPS, 4096);
    this.stopAtDivergence = stopAtDivergence;
  }

  private static String[] names() {
    String[] names = new String[EventKind.values().length];
    for (EventKind kind : EventKind.values()) {
      names[kind.ordinal()] = kind.name();
    }
    return names;
  }

  /** Tells the comparator which source answered the choices, for "the choice in play". */
  void choices(LoggedChoiceSource source) {
    this.choices = source;
  }

  /** Events compared so far: the seq of the next one. */
  long seq() {
    return seq;
  }

  Divergence divergence() {
    return divergence;
  }

  @Override
  public void event(long eventSeq, long tick, int vcpu, int task, EventKind kind, boolean ts, int fpuOwner, long value, long aux) {
    if (divergence != null) {
      seq++;
      return;
    }
    if (!nextEventRow()) {
      EvidenceRow replayed = new EvidenceRow("replayed", eventSeq, tick, vcpu, task, kindNames[kind.ordinal()], ts, fpuOwner, value, aux);
      diverge(eventSeq, null, replayed, List.of(), "the recording ended after " + eventSeq + " events; the replay goes on");
      return;
    }
    ColumnBatch batch = eventBatch;
    int row = eventRow++;
    long[] seqs = batch.column(Events.SEQ);
    long[] ticks = batch.column(Events.TICK);
    long[] vcpus = batch.column(Events.VCPU);
    long[] tasks = batch.column(Events.TASK);
    long[] kinds = batch.column(Events.KIND);
    long[] tss = batch.column(Events.TS);
    long[] owners = batch.column(Events.FPU_OWNER);
    long[] values = batch.column(Events.VALUE);
    long[] auxes = batch.column(Events.AUX);
    if (seqs[row] != eventSeq
        || ticks[row] != tick
        || vcpus[row] != vcpu
        || tasks[row] != task
        || kindOfCode(batch, (int) kinds[row]) != kind.ordinal()
        || (tss[row] != 0) != ts
        || owners[row] != fpuOwner
        || values[row] != value
        || auxes[row] != aux) {
      EvidenceRow recorded = recordedRow(batch, row);
      EvidenceRow replayed = new EvidenceRow("replayed", eventSeq, tick, vcpu, task, kindNames[kind.ordinal()], ts, fpuOwner, value, aux);
      diverge(eventSeq, recorded, replayed, differences(recorded, replayed), null);
      return;
    }
    tail.add(seqs[row], ticks[row], vcpu, task, kindNames[kind.ordinal()], ts, fpuOwner, value, aux);
    seq++;
  }

  /** The event kind of a recorded kind code, or -1 for a name no event kind has. */
  private int kindOfCode(ColumnBatch batch, int code) {
    if (code >= kindByCode.length) {
      int[] grown = java.util.Arrays.copyOf(kindByCode, Math.max(code + 1, batch.dictionary(Events.KIND).size()));
      java.util.Arrays.fill(grown, kindByCode.length, grown.length, Integer.MIN_VALUE);
      kindByCode = grown;
    }
    if (kindByCode[code] == Integer.MIN_VALUE) {
      String name = batch.dictionary(Events.KIND).value(code);
      int kind = -1;
      for (EventKind candidate : EventKind.values()) {
        if (candidate.name().equals(name)) {
          kind = candidate.ordinal();
        }
      }
      kindByCode[code] = kind;
    }
    return kindByCode[code];
  }

  @Override
  public void trap(TrapRecord trap) {
    if (divergence != null) {
      return;
    }
    if (!nextTrapRow()) {
      diverge(trap.raisedSeq(), null, null, List.of(), "the replay raised trap " + trap.trapId() + " (vector " + trap.vector() + ", seq " + trap.raisedSeq() + ") that the recording does not have");
      return;
    }
    ColumnBatch batch = trapBatch;
    int row = trapRow++;
    long delivered = batch.isNull(Traps.DELIVERED_SEQ, row) ? -1 : batch.get(Traps.DELIVERED_SEQ, row);
    long errorCode = batch.isNull(Traps.ERROR_CODE, row) ? io.trapscope.model.vocabulary.Vectors.NO_ERROR_CODE : batch.get(Traps.ERROR_CODE, row);
    boolean same =
        batch.get(Traps.TRAP_ID, row) == trap.trapId()
            && batch.get(Traps.VECTOR, row) == trap.vector()
            && batch.string(Traps.TYPE, row).equals(trap.type().name())
            && batch.string(Traps.SOURCE, row).equals(trap.source().id())
            && batch.get(Traps.VCPU, row) == trap.vcpu()
            && batch.get(Traps.TASK, row) == trap.task()
            && batch.get(Traps.RAISED_SEQ, row) == trap.raisedSeq()
            && delivered == trap.deliveredSeq()
            && batch.string(Traps.OUTCOME, row).equals(trap.outcome().name())
            && errorCode == trap.errorCode()
            && batch.get(Traps.INSN_LEN, row) == trap.insnLen();
    if (!same) {
      diverge(
          trap.raisedSeq(),
          null,
          null,
          List.of(),
          "trap " + trap.trapId() + " differs: recorded vector " + batch.get(Traps.VECTOR, row) + " raised at seq " + batch.get(Traps.RAISED_SEQ, row)
              + " with outcome " + batch.string(Traps.OUTCOME, row) + ", replayed vector " + trap.vector() + " raised at seq "
              + trap.raisedSeq() + " with outcome " + trap.outcome());
    }
    trapsSeen++;
  }

  @Override
  public void choice(long choiceSeq, ChoicePoint point, int vcpu, int task, long ordinal, long value) {}

  /** After the run: anything recorded that the replay did not produce is a divergence too. */
  void finish(String recordedEnd, long recordedTicks, String replayedEnd, long replayedTicks) {
    if (divergence != null) {
      return;
    }
    if (nextEventRow()) {
      EvidenceRow recorded = recordedRow(eventBatch, eventRow);
      diverge(seq, recorded, null, List.of(), "the replay ended after " + seq + " events; the recording goes on");
    } else if (nextTrapRow()) {
      diverge(trapBatch.get(Traps.RAISED_SEQ, trapRow), null, null, List.of(), "the recording has trap " + trapBatch.get(Traps.TRAP_ID, trapRow) + " that the replay never raised");
    } else if (!recordedEnd.equals(replayedEnd) || recordedTicks != replayedTicks) {
      diverge(seq, null, null, List.of(), "the recording ended " + recordedEnd + " at tick " + recordedTicks + ", the replay " + replayedEnd + " at tick " + replayedTicks);
    }
  }

  private void diverge(long at, EvidenceRow recorded, EvidenceRow replayed, List<String> columns, String reason) {
    List<EvidenceRow> rows = tail.rows();
    divergence =
        new Divergence(
            at,
            recorded,
            replayed,
            columns,
            rows,
            reason,
            choices == null ? null : choices.lastAnswered(),
            choices == null ? null : choices.firstMismatch());
    if (stopAtDivergence) {
      throw new Diverged();
    }
  }

  private static EvidenceRow recordedRow(ColumnBatch batch, int row) {
    return new EvidenceRow(
        "recorded",
        batch.get(Events.SEQ, row),
        batch.get(Events.TICK, row),
        (int) batch.get(Events.VCPU, row),
        (int) batch.get(Events.TASK, row),
        batch.string(Events.KIND, row),
        batch.get(Events.TS, row) != 0,
        (int) batch.get(Events.FPU_OWNER, row),
        batch.get(Events.VALUE, row),
        batch.get(Events.AUX, row));
  }

  private static List<String> differences(EvidenceRow recorded, EvidenceRow replayed) {
    List<String> columns = new ArrayList<>();
    if (recorded.seq() != replayed.seq()) {
      columns.add("seq");
    }
    if (recorded.tick() != replayed.tick()) {
      columns.add("tick");
    }
    if (recorded.vcpu() != replayed.vcpu()) {
      columns.add("vcpu");
    }
    if (recorded.task() != replayed.task()) {
      columns.add("task");
    }
    if (!recorded.kind().equals(replayed.kind())) {
      columns.add("kind");
    }
    if (recorded.ts() != replayed.ts()) {
      columns.add("ts");
    }
    if (recorded.fpuOwner() != replayed.fpuOwner()) {
      columns.add("fpu_owner");
    }
    if (recorded.value() != replayed.value()) {
      columns.add("value");
    }
    if (recorded.aux() != replayed.aux()) {
      columns.add("aux");
    }
    return columns;
  }

  private boolean nextEventRow() {
    while (eventBatch == null || eventRow >= eventBatch.size()) {
      eventBatch = events.next();
      eventRow = 0;
      if (eventBatch == null) {
        return false;
      }
    }
    return true;
  }

  private boolean nextTrapRow() {
    while (trapBatch == null || trapRow >= trapBatch.size()) {
      trapBatch = traps.next();
      trapRow = 0;
      if (trapBatch == null) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    events.close();
    traps.close();
  }
}
