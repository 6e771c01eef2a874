package io.trapscope.emulator;

import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.model.vocabulary.TrapType;

/**
 * One kind of event the virtual LAPIC raises for a vCPU, NMIs or the local timer's interrupts: the one
 * waiting to be made pending, if any, and the steps until the next arrives. The LAPIC holds one of each
 * kind, so an arrival while one waits is merged into it.
 */
final class LapicLine {
  final int vector;
  final TrapType type;
  final ChoicePoint point;
  /** Waiting for a VM entry that finds nothing pending, or null. */
  GuestEvent waiting;
  long stepsUntilNext;

  LapicLine(int vector, TrapType type, ChoicePoint point) {
    this.vector = vector;
    this.type = type;
    this.point = point;
  }

  /** Takes the waiting event, which becomes the pending one. */
  GuestEvent take() {
    GuestEvent event = waiting;
    waiting = null;
    return event;
  }
}
