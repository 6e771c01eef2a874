package io.trapscope.formats;

import io.trapscope.formats.arrow.ArrowTableReader;
import io.trapscope.formats.arrow.ArrowTableWriter;
import io.trapscope.formats.parquet.Codecs;
import io.trapscope.formats.parquet.ParquetTableReader;
import io.trapscope.formats.parquet.ParquetTableWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;

/** The file formats a table can be stored in, each a factory of its writer and reader. */
public enum TraceFormat {
  PARQUET("parquet", ".parquet") {
    @Override
    public TableWriter newWriter(Path path, Table table, WriterOptions options, Executor pageEncoder) throws IOException {
      return new ParquetTableWriter(path, table, options, Codecs.defaults(), pageEncoder);
    }

    @Override
    public TableReader newReader(Path path, Table table) {
      return ParquetTableReader.open(path, table);
    }
  },
  ARROW("arrow", ".arrow") {
    @Override
    public TableWriter newWriter(Path path, Table table, WriterOptions options, Executor pageEncoder) throws IOException {
      return new ArrowTableWriter(path, table, options.metadata());
    }

    @Override
    public TableReader newReader(Path path, Table table) {
      return ArrowTableReader.open(path, table);
    }
  };

  private final String formatName;
  private final String extension;

  TraceFormat(String formatName, String extension) {
    this.formatName = formatName;
    this.extension = extension;
  }

  /**
   * Creates a writer for a new file at {@code path}.
   *
   * @param pageEncoder threads the writer may spread encoding over, or null for the calling thread only
   */
  public abstract TableWriter newWriter(Path path, Table table, WriterOptions options, Executor pageEncoder)
      throws IOException;

  /** Opens an existing file; failures are {@link TraceFormatException}s. */
  public abstract TableReader newReader(Path path, Table table);

  /** The name used in the manifest: {@code parquet} or {@code arrow}. */
  public String formatName() {
    return formatName;
  }

  /** The file name of {@code table} in this format, e.g. {@code events.parquet}. */
  public String fileName(Table table) {
    return table.tableName() + extension;
  }

  /** The format with this manifest name, or null. */
  public static TraceFormat byName(String formatName) {
    for (TraceFormat format : values()) {
      if (format.formatName.equals(formatName)) {
        return format;
      }
    }
    return null;
  }
}
