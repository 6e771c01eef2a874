package io.trapscope.emulator;

import io.trapscope.emulator.choice.ChoicePoint;

/** A choice source gave an answer the machine cannot use, such as a replayed log that no longer fits. */
public final class ChoiceMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ChoicePoint point;

  public ChoiceMismatchException(ChoicePoint point, String detail) {
    super(point.id() + ": " + detail);
    this.point = point;
  }

  public ChoicePoint point() {
    return point;
  }
}
