package io.trapscope.recorder;

import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.StringDictionary;
import io.trapscope.formats.Table;
import io.trapscope.formats.TraceWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands full batches from the emulating thread to one writer thread per table and gives emptied batches
 * back.
 *
 * <p>Every table has {@link #BATCHES_PER_TABLE} batches in circulation, so memory is fixed; when a writer
 * falls behind, the emulator waits for a free batch. Tables are separate files, so their writers run in
 * parallel; each writes its batches in the order they were submitted. A writer's failure is rethrown on
 * the emulating thread at its next handoff.
 */
final class BatchPipeline implements AutoCloseable {
  /** Enough to keep every thread busy; more only adds memory. */
  static final int BATCHES_PER_TABLE = 8;

  private static final long POLL_MILLIS = 50;

  private final Map<Table, Worker> workers = new EnumMap<>(Table.class);

  BatchPipeline(TraceWriter writer, Map<Table, Integer> capacities, Map<Table, StringDictionary[]> dictionaries) {
    for (Table table : Table.traceTables()) {
      workers.put(table, new Worker(writer, table, capacities.get(table), dictionaries.get(table)));
    }
  }

  /** A cleared batch of {@code table}, waiting for its writer if all are in use. */
  ColumnBatch take(Table table) throws IOException {
    return workers.get(table).take();
  }

  /** Queues a filled batch for writing. */
  void submit(ColumnBatch batch) throws IOException {
    workers.get(batch.table()).submit(batch);
  }

  /** Waits until every submitted batch is written. */
  void drain() throws IOException {
    for (Worker worker : workers.values()) {
      worker.drain();
    }
  }

  @Override
  public void close() {
    for (Worker worker : workers.values()) {
      worker.stop();
    }
  }

  /** One table's writer thread, its queue and its pool of free batches. */
  private static final class Worker {
    private final TraceWriter writer;
    private final ColumnBatch stop;
    private final BlockingQueue<ColumnBatch> work = new ArrayBlockingQueue<>(BATCHES_PER_TABLE + 1);
    private final BlockingQueue<ColumnBatch> free = new ArrayBlockingQueue<>(BATCHES_PER_TABLE);
    private final Thread thread;
    private volatile Throwable failure;
    private volatile long written;
    private long submitted;

    Worker(TraceWriter writer, Table table, int capacity, StringDictionary[] dictionaries) {
      this.writer = writer;
      this.stop = new ColumnBatch(table, 1, dictionaries);
      for (int index = 0; index < BATCHES_PER_TABLE; index++) {
        free.add(new ColumnBatch(table, capacity, dictionaries));
      }
      this.thread = new Thread(this::run, "trapscope-writer-" + table.tableName());
      thread.setDaemon(true);
      thread.start();
    }

    ColumnBatch take() throws IOException {
      try {
        while (true) {
          rethrowFailure();
          ColumnBatch batch = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
          if (batch != null) {
            batch.clear();
            return batch;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the trace writer");
      }
    }

    void submit(ColumnBatch batch) throws IOException {
      try {
        while (!work.offer(batch, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          rethrowFailure();
        }
        submitted++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while queueing for the trace writer");
      }
    }

    void drain() throws IOException {
      try {
        while (written < submitted) {
          rethrowFailure();
          Thread.sleep(1);
        }
        rethrowFailure();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the trace writer");
      }
    }

    private void run() {
      try {
        while (true) {
          ColumnBatch batch = work.take();
          if (batch == stop) {
            return;
          }
          writer.write(batch);
          written++;
          free.add(batch);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable e) {
        failure = e;
      }
    }

    private void rethrowFailure() throws IOException {
      Throwable cause = failure;
      if (cause == null) {
        return;
      }
      if (cause instanceof IOException) {
        throw new IOException(cause.getMessage(), cause);
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException("trace writer failed", cause);
    }

    void stop() {
      if (!work.offer(stop)) {
        thread.interrupt();
      }
      try {
        thread.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
