package io.trapscope.formats;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How table files are written.
 *
 * @param compression the Parquet codec
 * @param rowGroupRowsMax rows per Parquet row group; bounds a reader's memory as well as the writer's
 * @param metadata key-value pairs stored in each file's footer, kept in key order: the footer bytes follow
 *     the map's iteration order, and that of {@code Map.of} or {@code Map.copyOf} changes from JVM to JVM
 */
public record WriterOptions(Compression compression, int rowGroupRowsMax, Map<String, String> metadata) {
  /** One million rows: about 3 MB per row group of events, and enough row groups to parallelise SQL. */
  public static final int ROW_GROUP_ROWS_DEFAULT = 1 << 20;

  public WriterOptions {
    Objects.requireNonNull(compression, "compression");
    if (rowGroupRowsMax < 1) {
      throw new IllegalArgumentException("rowGroupRowsMax must be positive");
    }
    metadata = Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(metadata)));
  }

  public static WriterOptions defaults() {
    return new WriterOptions(Compression.ZSTD, ROW_GROUP_ROWS_DEFAULT, Map.of());
  }

  public WriterOptions withMetadata(Map<String, String> newMetadata) {
    return new WriterOptions(compression, rowGroupRowsMax, newMetadata);
  }

  public WriterOptions withCompression(Compression newCompression) {
    return new WriterOptions(newCompression, rowGroupRowsMax, metadata);
  }

  /** Parquet page compression. */
  public enum Compression {
    ZSTD,
    SNAPPY,
    GZIP,
    UNCOMPRESSED
  }
}
