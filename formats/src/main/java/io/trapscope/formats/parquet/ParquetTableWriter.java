package io.trapscope.formats.parquet;

import io.trapscope.formats.Column;
import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.DigestingOutputStream;
import io.trapscope.formats.Table;
import io.trapscope.formats.TableWriter;
import io.trapscope.formats.WriterOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one trace table as Parquet with data pages v2, each column encoded as its {@link
 * io.trapscope.formats.Column.Shape} calls for, with page statistics and page checksums, one row group per
 * {@link WriterOptions#rowGroupRowsMax()} rows.
 *
 * <p>Values are encoded by our own loops over whole pages ({@link ColumnChunkWriter}); parquet-mr lays out
 * the file: page headers, statistics, column and offset indexes, the footer. Its per-value writers, built
 * for nested records, cost several times more than the encoding itself on these flat tables.
 *
 * <p>The footer's {@code created_by} names trapscope ({@link #CREATED_BY}), not parquet-mr: readers use it
 * to work around known bugs of the writer it names, and the pages are ours, not parquet-mr's.
 */
public final class ParquetTableWriter implements TableWriter {
  /** Rows per data page: large enough for zstd to find the repeats, small enough to stay in cache. */
  public static final int PAGE_ROWS = 1 << 16;

  /**
   * The footer's {@code created_by}, in Parquet's {@code "<application> version <semver> (build <hash>)"}
   * form without the build part: a commit hash would change every file's bytes with every commit, and two
   * recordings of one scenario must stay byte-identical across builds of one version.
   */
  public static final String CREATED_BY = "trapscope version " + ToolVersion.current();

  private final Table table;
  private final ParquetFileWriter fileWriter;
  private final DigestingOutputStream output;
  private final StreamOutputFile outputFile;
  private final Codecs.ArrayCompressor[] compressors;
  private final Executor pageEncoder;
  private final ColumnChunkWriter[] columns;
  private final java.util.Map<String, String> metadata;
  private final int rowGroupRowsMax;
  private int rowsInPage;
  private long rowsInGroup;
  private long rows;
  private boolean closed;

  /** Creates {@code path}, which must not exist yet; encodes pages on the calling thread. */
  public ParquetTableWriter(Path path, Table table, WriterOptions options, Codecs codecs) throws IOException {
    this(path, table, options, codecs, null);
  }

  /**
   * Creates {@code path}, which must not exist yet.
   *
   * @param pageEncoder threads to encode a page's columns on in parallel, or null for the calling thread;
   *     the file is the same either way
   */
  public ParquetTableWriter(Path path, Table table, WriterOptions options, Codecs codecs, Executor pageEncoder)
      throws IOException {
    this.pageEncoder = pageEncoder;
    this.table = table;
    this.rowGroupRowsMax = options.rowGroupRowsMax();
    this.metadata = options.metadata();
    MessageType schema = ParquetSchemas.of(table);
    List<ColumnDescriptor> descriptors = schema.getColumns();
    List<Column> specs = table.columns();
    this.columns = new ColumnChunkWriter[specs.size()];
    this.compressors = new Codecs.ArrayCompressor[specs.size()];
    int pageRows = Math.min(PAGE_ROWS, rowGroupRowsMax);
    for (int column = 0; column < specs.size(); column++) {
      compressors[column] = codecs.getCompressor(codecName(options.compression()));
      columns[column] = new ColumnChunkWriter(specs.get(column), descriptors.get(column), compressors[column], pageRows);
    }
    ParquetProperties properties =
        ParquetProperties.builder()
            .withWriterVersion(WriterVersion.PARQUET_2_0)
            .withPageWriteChecksumEnabled(true)
            .build();
    this.output = new DigestingOutputStream(path);
    this.outputFile = new StreamOutputFile(path, output);
    try {
      this.fileWriter =
          new ParquetFileWriter(outputFile, schema, ParquetFileWriter.Mode.CREATE, Long.MAX_VALUE, 0, null, properties);
      fileWriter.start();
    } catch (IOException | RuntimeException e) {
      output.close();
      throw e;
    }
  }

  @Override
  public void write(ColumnBatch batch) throws IOException {
    if (batch.table() != table) {
      throw new IllegalArgumentException("batch of " + batch.table() + " given to the " + table + " writer");
    }
    int pageRows = Math.min(PAGE_ROWS, rowGroupRowsMax);
    int offset = 0;
    int size = batch.size();
    while (offset < size) {
      int count = (int) Math.min(size - offset, Math.min(pageRows - rowsInPage, rowGroupRowsMax - rowsInGroup));
      for (int column = 0; column < columns.length; column++) {
        columns[column].stage(batch.column(column), batch.nullMask(column), batch.dictionary(column), offset, count);
      }
      offset += count;
      rowsInPage += count;
      rowsInGroup += count;
      rows += count;
      if (rowsInPage == pageRows || rowsInGroup == rowGroupRowsMax) {
        finishPages();
        rowsInPage = 0;
      }
      if (rowsInGroup == rowGroupRowsMax) {
        endRowGroup();
      }
    }
  }

  /** Encodes and compresses every column's staged page, in parallel when there are threads for it. */
  private void finishPages() throws IOException {
    if (pageEncoder == null) {
      for (ColumnChunkWriter column : columns) {
        column.finishPage();
      }
      return;
    }
    List<CompletableFuture<Void>> pending = new ArrayList<>(columns.length);
    for (int column = 1; column < columns.length; column++) {
      ColumnChunkWriter writer = columns[column];
      pending.add(CompletableFuture.runAsync(() -> finishUnchecked(writer), pageEncoder));
    }
    columns[0].finishPage();
    try {
      for (CompletableFuture<Void> future : pending) {
        future.join();
      }
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException) {
        throw ((UncheckedIOException) e.getCause()).getCause();
      }
      throw e;
    }
  }

  private static void finishUnchecked(ColumnChunkWriter writer) {
    try {
      writer.finishPage();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void endRowGroup() throws IOException {
    fileWriter.startBlock(rowsInGroup);
    for (ColumnChunkWriter column : columns) {
      column.writeChunk(fileWriter);
    }
    fileWriter.endBlock();
    rowsInGroup = 0;
    rowsInPage = 0;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (rowsInGroup > 0) {
        finishPages();
        endRowGroup();
      }
      outputFile.holdBack();
      fileWriter.end(metadata);
      outputFile.writeHeldBack(CREATED_BY);
    } finally {
      for (Codecs.ArrayCompressor compressor : compressors) {
        compressor.release();
      }
      output.close();
    }
  }

  @Override
  public String sha256() {
    return output.sha256();
  }

  @Override
  public long bytes() {
    return output.position();
  }

  static CompressionCodecName codecName(WriterOptions.Compression compression) {
    switch (compression) {
      case ZSTD:
        return CompressionCodecName.ZSTD;
      case SNAPPY:
        return CompressionCodecName.SNAPPY;
      case GZIP:
        return CompressionCodecName.GZIP;
      case UNCOMPRESSED:
        return CompressionCodecName.UNCOMPRESSED;
      default:
        throw new IllegalArgumentException("unhandled compression " + compression);
    }
  }

  /**
   * Hands parquet-mr our digesting stream instead of letting it open the file itself, and holds back what
   * it writes at the end (indexes and footer) so that the footer's {@code created_by} can be set:
   * parquet-mr writes its own name there and offers no way to change it.
   */
  private static final class StreamOutputFile implements OutputFile {
    private static final byte[] MAGIC = "PAR1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Path path;
    private final DigestingOutputStream output;
    private java.io.ByteArrayOutputStream heldBack;
    private boolean created;

    StreamOutputFile(Path path, DigestingOutputStream output) {
      this.path = path;
      this.output = output;
    }

    /** From here on, bytes are kept in memory until {@link #writeHeldBack}; positions count them as written. */
    void holdBack() {
      heldBack = new java.io.ByteArrayOutputStream();
    }

    /**
     * Writes the held-back bytes, with the footer (always last: thrift metadata, its length, the magic)
     * re-serialized with {@code createdBy}. Everything before the footer, and every offset the footer
     * records, stays as parquet-mr wrote it.
     */
    void writeHeldBack(String createdBy) throws IOException {
      byte[] tail = heldBack.toByteArray();
      heldBack = null;
      int lengthPosition = tail.length - MAGIC.length - 4;
      if (lengthPosition < 0 || !java.util.Arrays.equals(tail, lengthPosition + 4, tail.length, MAGIC, 0, MAGIC.length)) {
        throw new IOException(path + ": parquet-mr ended the file without a footer");
      }
      int footerBytes = java.nio.ByteBuffer.wrap(tail, lengthPosition, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
      int footerPosition = lengthPosition - footerBytes;
      if (footerBytes <= 0 || footerPosition < 0) {
        throw new IOException(path + ": parquet-mr wrote a footer of " + footerBytes + " bytes");
      }
      FileMetaData footer = Util.readFileMetaData(new java.io.ByteArrayInputStream(tail, footerPosition, footerBytes));
      footer.setCreated_by(createdBy);
      java.io.ByteArrayOutputStream rewritten = new java.io.ByteArrayOutputStream(footerBytes + 64);
      Util.writeFileMetaData(footer, rewritten);
      output.write(tail, 0, footerPosition);
      rewritten.writeTo(output);
      byte[] length = new byte[4];
      java.nio.ByteBuffer.wrap(length).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(rewritten.size());
      output.write(length);
      output.write(MAGIC);
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      if (created) {
        throw new IllegalStateException(path + " opened twice");
      }
      created = true;
      return new PositionOutputStream() {
        @Override
        public long getPos() {
          return output.position() + (heldBack == null ? 0 : heldBack.size());
        }

        @Override
        public void write(int value) throws IOException {
          if (heldBack != null) {
            heldBack.write(value);
          } else {
            output.write(value);
          }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          if (heldBack != null) {
            heldBack.write(bytes, offset, length);
          } else {
            output.write(bytes, offset, length);
          }
        }

        @Override
        public void flush() throws IOException {
          if (heldBack == null) {
            output.flush();
          }
        }

        @Override
        public void close() {
          // The table writer closes the stream once the footer is out and the digest can be taken.
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }

    @Override
    public String getPath() {
      return path.toString();
    }
  }
}
