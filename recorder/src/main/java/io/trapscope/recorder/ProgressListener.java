package io.trapscope.recorder;

/** Told how far a long run has got; called on the emulating thread about every batch. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (events, ticks) -> {};

  /** The run has emitted {@code events} events and reached tick {@code ticks}. */
  void progress(long events, long ticks);
}
