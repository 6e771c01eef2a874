package io.trapscope.recorder;

import io.trapscope.formats.WriterOptions;

/**
 * How a recording is written.
 *
 * @param arrow whether to write Arrow IPC files beside the Parquet ones
 * @param replace whether an existing trace at the target may be replaced
 * @param compression the Parquet codec
 */
public record RecordOptions(boolean arrow, boolean replace, WriterOptions.Compression compression) {
  public static RecordOptions defaults() {
    return new RecordOptions(false, false, WriterOptions.Compression.ZSTD);
  }
}
