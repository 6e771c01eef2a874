package io.trapscope.formats;

import java.io.Closeable;
import java.io.IOException;

/** Appends batches of one table to one file; {@link #close()} completes the file. */
public interface TableWriter extends Closeable {
  /** Writes the batch's rows; the batch may be reused as soon as this returns. */
  void write(ColumnBatch batch) throws IOException;

  /** Rows written so far. */
  long rows();

  /** The file's SHA-256 in lower-case hex; valid after {@link #close()}. */
  String sha256();

  /** The file's size in bytes; valid after {@link #close()}. */
  long bytes();
}
