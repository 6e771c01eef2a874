package io.trapscope.emulator;

import io.trapscope.model.vocabulary.TrapOutcome;
import io.trapscope.model.vocabulary.TrapSource;
import io.trapscope.model.vocabulary.TrapType;
import io.trapscope.model.vocabulary.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * Open traps, reported to the sink in raise order as soon as every earlier trap is resolved. Only traps
 * still unresolved are held, a handful per vCPU.
 */
final class TrapTable {
  /** Far above what nesting can leave open; reaching it means traps are never being resolved. */
  static final int OPEN_MAX = 1 << 16;

  private final EventSink sink;
  private final List<Open> open = new ArrayList<>();
  private long firstOpenId;
  private long nextId;

  TrapTable(EventSink sink) {
    this.sink = sink;
  }

  /** Records a trap without error code raised by the event at {@code raisedSeq}; returns its id. */
  long raise(int vector, TrapType type, TrapSource source, int vcpu, int task, long raisedSeq) {
    return raise(vector, type, source, vcpu, task, raisedSeq, Vectors.NO_ERROR_CODE, 0);
  }

  /** Records a trap raised by the event at {@code raisedSeq}; returns its id, which {@link #nextId} foretold. */
  long raise(int vector, TrapType type, TrapSource source, int vcpu, int task, long raisedSeq, long errorCode, int insnLen) {
    Invariants.check(open.size() < OPEN_MAX, "more than %d traps unresolved", OPEN_MAX);
    Open trap = new Open(nextId, vector, type, source, vcpu, task, raisedSeq, errorCode, insnLen);
    open.add(trap);
    return nextId++;
  }

  /** The id the next raised trap gets, for events that name a trap before raising it. */
  long nextId() {
    return nextId;
  }

  /** The trap's handler was entered at {@code deliveredSeq}. */
  void deliver(long trapId, long deliveredSeq) {
    Open trap = find(trapId);
    trap.deliveredSeq = deliveredSeq;
    resolve(trap, TrapOutcome.DELIVERED);
  }

  /** The trap ended without delivery. */
  /** Traps held now: unresolved, or resolved behind an earlier one that is not. */
  int held() {
    return open.size();
  }

  void resolve(long trapId, TrapOutcome outcome) {
    resolve(find(trapId), outcome);
  }

  /** Resolves every open trap with {@code outcome} and reports them all. */
  void finish(TrapOutcome outcome) {
    for (Open trap : open) {
      if (trap.outcome == null) {
        trap.outcome = outcome;
      }
    }
    flush();
    Invariants.check(open.isEmpty(), "traps left unreported");
  }

  private void resolve(Open trap, TrapOutcome outcome) {
    Invariants.check(trap.outcome == null, "trap %d resolved twice", trap.id);
    trap.outcome = outcome;
    flush();
  }

  private Open find(long trapId) {
    int index = (int) (trapId - firstOpenId);
    Invariants.check(index >= 0 && index < open.size(), "trap %d is not open", trapId);
    return open.get(index);
  }

  private void flush() {
    int resolved = 0;
    while (resolved < open.size() && open.get(resolved).outcome != null) {
      Open trap = open.get(resolved);
      sink.trap(
          new TrapRecord(
              trap.id,
              trap.vector,
              trap.type,
              trap.source,
              trap.vcpu,
              trap.task,
              trap.raisedSeq,
              trap.deliveredSeq,
              trap.outcome,
              trap.errorCode,
              trap.insnLen));
      resolved++;
    }
    if (resolved > 0) {
      open.subList(0, resolved).clear();
      firstOpenId += resolved;
    }
  }

  private static final class Open {
    final long id;
    final int vector;
    final TrapType type;
    final TrapSource source;
    final int vcpu;
    final int task;
    final long raisedSeq;
    final long errorCode;
    final int insnLen;
    long deliveredSeq = -1;
    TrapOutcome outcome;

    Open(long id, int vector, TrapType type, TrapSource source, int vcpu, int task, long raisedSeq, long errorCode, int insnLen) {
      this.id = id;
      this.vector = vector;
      this.type = type;
      this.source = source;
      this.vcpu = vcpu;
      this.task = task;
      this.raisedSeq = raisedSeq;
      this.errorCode = errorCode;
      this.insnLen = insnLen;
    }
  }
}
