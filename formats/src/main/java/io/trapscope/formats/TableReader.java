package io.trapscope.formats;

import java.io.Closeable;

/**
 * Streams the rows of one table file in batches, holding one batch and one row group in memory whatever
 * the file's length.
 */
public interface TableReader extends Closeable {
  /** Refills {@code batch} with the next rows; false when the file is exhausted. */
  boolean next(ColumnBatch batch);

  /** Total rows in the file, from its footer. */
  long rows();

  /** Key-value metadata from the file's footer (empty for formats without one). */
  java.util.Map<String, String> metadata();

  @Override
  void close();
}
