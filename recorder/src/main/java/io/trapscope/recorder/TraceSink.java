package io.trapscope.recorder;

import io.trapscope.emulator.EventSink;
import io.trapscope.emulator.TrapRecord;
import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.StringDictionary;
import io.trapscope.formats.Table.Choices;
import io.trapscope.formats.Table.Events;
import io.trapscope.formats.Table.Traps;
import io.trapscope.formats.Table;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.TrapOutcome;
import io.trapscope.model.vocabulary.TrapSource;
import io.trapscope.model.vocabulary.TrapType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Fills column batches straight from the machine's events and hands them to the writer.
 *
 * <p>Every string column's vocabulary is registered before the run, so a string's code is its enum's
 * ordinal and the dictionaries never change while the writer thread reads them.
 */
final class TraceSink implements EventSink, AutoCloseable {
  static final int EVENT_BATCH_ROWS = ColumnBatch.CAPACITY_DEFAULT;
  static final int SMALL_BATCH_ROWS = 4096;

  private final BatchPipeline pipeline;
  private final ProgressListener progress;
  private final long[] kindCounts = new long[EventKind.values().length];
  private ColumnBatch events;
  private ColumnBatch traps;
  private ColumnBatch choices;
  private long nextSeq;
  private long nextTrapId;
  private long lastTick;

  TraceSink(io.trapscope.formats.TraceWriter writer, ProgressListener progress) throws IOException {
    Map<Table, Integer> capacities = new EnumMap<>(Table.class);
    capacities.put(Table.EVENTS, EVENT_BATCH_ROWS);
    capacities.put(Table.TRAPS, SMALL_BATCH_ROWS);
    capacities.put(Table.CHOICES, SMALL_BATCH_ROWS);
    this.pipeline = new BatchPipeline(writer, capacities, vocabularies());
    this.progress = progress;
    this.events = pipeline.take(Table.EVENTS);
    this.traps = pipeline.take(Table.TRAPS);
    this.choices = pipeline.take(Table.CHOICES);
  }

  /** One dictionary per string column, pre-filled in enum order. */
  static Map<Table, StringDictionary[]> vocabularies() {
    Map<Table, StringDictionary[]> result = new EnumMap<>(Table.class);
    StringDictionary[] events = ColumnBatch.freshDictionaries(Table.EVENTS);
    for (EventKind kind : EventKind.values()) {
      events[Events.KIND].code(kind.name());
    }
    StringDictionary[] traps = ColumnBatch.freshDictionaries(Table.TRAPS);
    for (TrapType type : TrapType.values()) {
      traps[Traps.TYPE].code(type.name());
    }
    for (TrapSource source : TrapSource.values()) {
      traps[Traps.SOURCE].code(source.id());
    }
    for (TrapOutcome outcome : TrapOutcome.values()) {
      traps[Traps.OUTCOME].code(outcome.name());
    }
    StringDictionary[] choices = ColumnBatch.freshDictionaries(Table.CHOICES);
    for (ChoicePoint point : ChoicePoint.values()) {
      choices[Choices.POINT].code(point.id());
    }
    result.put(Table.EVENTS, events);
    result.put(Table.TRAPS, traps);
    result.put(Table.CHOICES, choices);
    return result;
  }

  @Override
  public void event(long seq, long tick, int vcpu, int task, EventKind kind, boolean ts, int fpuOwner, long value, long aux) {
    if (seq != nextSeq) {
      throw new IllegalStateException("event seq " + seq + " out of order, expected " + nextSeq);
    }
    nextSeq++;
    lastTick = tick;
    ColumnBatch batch = events;
    int row = batch.size();
    batch.column(Events.SEQ)[row] = seq;
    batch.column(Events.TICK)[row] = tick;
    batch.column(Events.VCPU)[row] = vcpu;
    batch.column(Events.TASK)[row] = task;
    batch.column(Events.KIND)[row] = kind.ordinal();
    batch.column(Events.TS)[row] = ts ? 1 : 0;
    batch.column(Events.FPU_OWNER)[row] = fpuOwner;
    batch.column(Events.VALUE)[row] = value;
    batch.column(Events.AUX)[row] = aux;
    batch.setSize(row + 1);
    kindCounts[kind.ordinal()]++;
    if (batch.isFull()) {
      events = handOff(batch);
      progress.progress(nextSeq, tick);
    }
  }

  @Override
  public void trap(TrapRecord trap) {
    if (trap.trapId() != nextTrapId) {
      throw new IllegalStateException("trap " + trap.trapId() + " out of order, expected " + nextTrapId);
    }
    nextTrapId++;
    ColumnBatch batch = traps;
    int row = batch.addRow();
    batch.set(Traps.TRAP_ID, row, trap.trapId());
    batch.set(Traps.VECTOR, row, trap.vector());
    batch.set(Traps.TYPE, row, trap.type().ordinal());
    batch.set(Traps.SOURCE, row, trap.source().ordinal());
    batch.set(Traps.VCPU, row, trap.vcpu());
    batch.set(Traps.TASK, row, trap.task());
    batch.set(Traps.RAISED_SEQ, row, trap.raisedSeq());
    if (trap.deliveredSeq() < 0) {
      batch.setNull(Traps.DELIVERED_SEQ, row);
    } else {
      batch.set(Traps.DELIVERED_SEQ, row, trap.deliveredSeq());
    }
    batch.set(Traps.OUTCOME, row, trap.outcome().ordinal());
    if (trap.errorCode() == io.trapscope.model.vocabulary.Vectors.NO_ERROR_CODE) {
      batch.setNull(Traps.ERROR_CODE, row);
    } else {
      batch.set(Traps.ERROR_CODE, row, trap.errorCode());
    }
    batch.set(Traps.INSN_LEN, row, trap.insnLen());
    if (batch.isFull()) {
      traps = handOff(batch);
    }
  }

  @Override
  public void choice(long seq, ChoicePoint point, int vcpu, int task, long ordinal, long value) {
    ColumnBatch batch = choices;
    int row = batch.size();
    batch.column(Choices.SEQ)[row] = seq;
    batch.column(Choices.POINT)[row] = point.ordinal();
    batch.column(Choices.VCPU)[row] = vcpu;
    batch.column(Choices.TASK)[row] = task;
    batch.column(Choices.ORDINAL)[row] = ordinal;
    batch.column(Choices.VALUE)[row] = value;
    batch.setSize(row + 1);
    if (batch.isFull()) {
      choices = handOff(batch);
    }
  }

  private ColumnBatch handOff(ColumnBatch batch) {
    try {
      pipeline.submit(batch);
      return pipeline.take(batch.table());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes out the partly filled batches and waits until the writer has everything. */
  void finish() throws IOException {
    for (ColumnBatch batch : new ColumnBatch[] {events, traps, choices}) {
      if (!batch.isEmpty()) {
        pipeline.submit(batch);
      }
    }
    pipeline.drain();
    progress.progress(nextSeq, lastTick);
  }

  /** Events per kind, for kinds that occurred, sorted by name. */
  SortedMap<String, Long> kindCounts() {
    SortedMap<String, Long> counts = new TreeMap<>();
    for (EventKind kind : EventKind.values()) {
      if (kindCounts[kind.ordinal()] > 0) {
        counts.put(kind.name(), kindCounts[kind.ordinal()]);
      }
    }
    return counts;
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
