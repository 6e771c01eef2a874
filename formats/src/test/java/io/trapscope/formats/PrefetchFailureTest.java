package io.trapscope.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Failures on the read-ahead thread reach the caller instead of leaving it waiting. */
class PrefetchFailureTest {
  private static final int CAPACITY = 16;

  /** Fills {@code batchesBeforeFailure} batches, then throws what {@code failure} gives on the read-ahead thread. */
  private static final class FailingReader implements TableReader {
    private final int batchesBeforeFailure;
    private final Supplier<Throwable> failure;
    private int batches;
    private volatile Thread thread;

    FailingReader(int batchesBeforeFailure, Supplier<Throwable> failure) {
      this.batchesBeforeFailure = batchesBeforeFailure;
      this.failure = failure;
    }

    @Override
    public boolean next(ColumnBatch batch) {
      thread = Thread.currentThread();
      if (batches++ < batchesBeforeFailure) {
        batch.clear();
        batch.addRow();
        return true;
      }
      Throwable thrown = failure.get();
      if (thrown instanceof Error) {
        throw (Error) thrown;
      }
      throw (RuntimeException) thrown;
    }

    @Override
    public long rows() {
      return batchesBeforeFailure;
    }

    @Override
    public Map<String, String> metadata() {
      return Map.of();
    }

    @Override
    public void close() {}
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void anOutOfMemoryErrorOnTheReadAheadThreadReachesTheCaller() {
    OutOfMemoryError injected = new OutOfMemoryError("Java heap space (injected)");
    FailingReader failing = new FailingReader(2, () -> injected);
    try (PrefetchingReader reader = new PrefetchingReader(failing, Table.EVENTS, CAPACITY)) {
      assertNotNull(reader.next());
      assertNotNull(reader.next());
      IllegalStateException failure = assertThrows(IllegalStateException.class, reader::next);
      assertSame(injected, failure.getCause());
      assertEquals("reading ahead failed: OutOfMemoryError: Java heap space (injected)", failure.getMessage());
      assertTrue(failing.thread != Thread.currentThread(), "the failure was not on the read-ahead thread");
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void anErrorBeforeTheFirstBatchReachesTheCaller() {
    FailingReader failing = new FailingReader(0, () -> new StackOverflowError());
    try (PrefetchingReader reader = new PrefetchingReader(failing, Table.EVENTS, CAPACITY)) {
      IllegalStateException failure = assertThrows(IllegalStateException.class, reader::next);
      assertEquals("reading ahead failed: StackOverflowError", failure.getMessage());
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aTraceFormatExceptionOnTheReadAheadThreadReachesTheCallerAsItIs() {
    TraceFormatException injected = new TraceFormatException(Path.of("events.parquet"), "bad page");
    try (PrefetchingReader reader = new PrefetchingReader(new FailingReader(1, () -> injected), Table.EVENTS, CAPACITY)) {
      assertNotNull(reader.next());
      assertSame(injected, assertThrows(TraceFormatException.class, reader::next));
    }
  }
}
