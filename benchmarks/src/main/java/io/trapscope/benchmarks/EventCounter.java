package io.trapscope.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Makes JMH report events (or rows) per second beside operations per second. */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class EventCounter {
  public long events;

  @Setup(Level.Iteration)
  public void clear() {
    events = 0;
  }
}
