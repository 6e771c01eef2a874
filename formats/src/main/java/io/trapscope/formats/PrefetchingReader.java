package io.trapscope.formats;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads ahead on a second thread: while the caller works on one batch, the next ones are read, checked and
 * decoded. A fixed number of batches circulate, so memory stays bounded; a read error, or an {@link Error}
 * such as running out of memory, reaches the caller at its next {@link #next}.
 */
public final class PrefetchingReader implements TableReader {
  /** Batches in circulation: one with the caller, the rest being read or waiting. */
  public static final int BATCHES = 4;

  private final TableReader delegate;
  private final BlockingQueue<ColumnBatch> filled = new ArrayBlockingQueue<>(BATCHES + 1);
  private final BlockingQueue<ColumnBatch> free = new ArrayBlockingQueue<>(BATCHES);
  private final ColumnBatch end;
  private final Thread thread;
  private volatile Throwable failure;
  private ColumnBatch held;
  private boolean finished;

  /** Starts reading {@code delegate} ahead, in batches of {@code capacity} rows. */
  public PrefetchingReader(TableReader delegate, Table table, int capacity) {
    this.delegate = delegate;
    StringDictionary[] dictionaries = ColumnBatch.freshDictionaries(table);
    for (int index = 0; index < BATCHES; index++) {
      free.add(new ColumnBatch(table, capacity, dictionaries));
    }
    this.end = new ColumnBatch(table, 1, dictionaries);
    this.thread = new Thread(this::readAhead, "trapscope-read-ahead");
    thread.setDaemon(true);
    thread.start();
  }

  private void readAhead() {
    try {
      while (true) {
        ColumnBatch batch = free.take();
        if (!delegate.next(batch)) {
          filled.put(end);
          return;
        }
        filled.put(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // An Error too (out of memory, a missing class): left on this thread it would end the thread
      // silently, and the caller would wait for the end marker for ever.
      failure = e;
      filled.offer(end);
    }
  }

  /**
   * The next batch, read ahead; it stays valid until the next call. Unlike {@link TableReader#next}, the
   * batch is the reader's own: {@code ignored} is not filled.
   */
  @Override
  public boolean next(ColumnBatch ignored) {
    throw new UnsupportedOperationException("use next()");
  }

  /** The next batch, or null at the end; valid until the next call. */
  public ColumnBatch next() {
    if (held != null) {
      free.add(held);
      held = null;
    }
    if (finished) {
      return null;
    }
    ColumnBatch batch;
    try {
      batch = filled.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading ahead", e);
    }
    if (batch == end) {
      finished = true;
      Throwable cause = failure;
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause != null) {
        throw new IllegalStateException(
            "reading ahead failed: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
      }
      return null;
    }
    held = batch;
    return batch;
  }

  @Override
  public long rows() {
    return delegate.rows();
  }

  @Override
  public Map<String, String> metadata() {
    return delegate.metadata();
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    delegate.close();
  }
}
