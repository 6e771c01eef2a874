package io.trapscope.formats.parquet;

import io.trapscope.formats.Column;
import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.StringDictionary;
import io.trapscope.formats.Table;
import io.trapscope.formats.TableReader;
import io.trapscope.formats.TraceFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Streams one trace table out of a Parquet file, one row group in memory at a time.
 *
 * <p>The file is untrusted: before parquet-mr sees it, the magic bytes and footer length are checked
 * against the file's size; after it parses the footer, the schema must be the table's and every row group
 * must fit the configured limits. Any failure inside parquet-mr becomes a {@link TraceFormatException}
 * naming the file and the row group.
 *
 * <p>Files trapscope did not write are read too, such as a trace's events cut or rewritten with DuckDB's
 * {@code COPY (SELECT ...) TO 'events.parquet'}, which marks every column optional and may change types:
 * a column must have the table's name, in order, and a type that holds its values losslessly (an INT32
 * where the table has INT64, a BYTE_ARRAY with or without the STRING annotation); an optional column the
 * table requires is read as long as it holds no null, and its first null is an error naming the row.
 *
 * <p>Pages are decoded one of two ways: by {@link FastColumnReader}, whole pages at a time, when every
 * chunk uses only the encodings it decodes (all files trapscope writes, and DuckDB's by default); otherwise
 * through parquet-mr's column readers, one value per call.
 */
public final class ParquetTableReader implements TableReader {
  /** A footer is a few kilobytes; a claim of more than this is a corrupt or hostile file. */
  public static final int FOOTER_BYTES_MAX = 16 << 20;

  /** Our writer makes row groups of about 3 MB; this bounds what one hostile row group can make us hold. */
  public static final long ROW_GROUP_BYTES_MAX_DEFAULT = 128L << 20;

  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private final Path path;
  private final Table table;
  private final MessageType schema;
  private final List<ColumnDescriptor> descriptors;
  private final ParquetFileReader reader;
  private final Map<String, String> metadata;
  private final String createdBy;
  private final long rows;
  private final StringColumnConverter[] stringConverters;
  private final int rowGroupCount;
  /** What one row of the table is, for errors: "every event must have a vcpu". */
  private final String rowName;
  /** Whether every page is one {@link FastColumnReader} decodes; otherwise parquet-mr's readers do. */
  private final boolean fast;

  private ColumnReader[] columnReaders;
  private FastColumnReader[] fastReaders;
  private long rowsLeftInGroup;
  private int rowGroupIndex = -1;
  private long rowsRead;

  private ParquetTableReader(Path path, Table table, long rowGroupBytesMax) {
    this.path = path;
    this.table = table;
    long footerStart = checkEnvelope(path);
    ParquetReadOptions options =
        ParquetReadOptions.builder(new PlainParquetConfiguration())
            .withCodecFactory(Codecs.defaults())
            .withMaxAllocationInBytes((int) Math.min(Integer.MAX_VALUE, rowGroupBytesMax))
            .usePageChecksumVerification(true)
            .build();
    try {
      this.reader = ParquetFileReader.open(new LocalInputFile(path), options);
    } catch (IOException | RuntimeException e) {
      throw new TraceFormatException(path, "not a readable Parquet file: " + describe(e), e);
    }
    try {
      this.schema = reader.getFileMetaData().getSchema();
      this.metadata = Map.copyOf(reader.getFileMetaData().getKeyValueMetaData());
      this.createdBy = reader.getFileMetaData().getCreatedBy();
      checkSchema(path, table, schema);
      this.descriptors = schema.getColumns();
      this.rows = checkRowGroups(path, reader.getRowGroups(), rowGroupBytesMax, footerStart);
      this.rowGroupCount = reader.getRowGroups().size();
      this.fast = decodableByUs(reader.getRowGroups());
    } catch (TraceFormatException e) {
      closeQuietly();
      throw e;
    } catch (RuntimeException e) {
      closeQuietly();
      throw new TraceFormatException(path, "unreadable footer: " + describe(e), e);
    }
    this.stringConverters = new StringColumnConverter[table.columns().size()];
    this.rowName = rowName(table);
  }

  /** Opens {@code path} as a file of {@code table}. */
  public static ParquetTableReader open(Path path, Table table) {
    return new ParquetTableReader(path, table, ROW_GROUP_BYTES_MAX_DEFAULT);
  }

  /** Opens {@code path} with a custom bound on the bytes of one row group. */
  public static ParquetTableReader open(Path path, Table table, long rowGroupBytesMax) {
    return new ParquetTableReader(path, table, rowGroupBytesMax);
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Whether this reader decodes whole pages itself (files trapscope wrote, and DuckDB's by default) rather
   * than through parquet-mr's column readers (any chunk in another encoding).
   */
  public boolean decodesPagesItself() {
    return fast;
  }

  /** Whether every chunk uses only encodings {@link FastColumnReader} decodes, for values and levels. */
  private static boolean decodableByUs(List<BlockMetaData> groups) {
    for (BlockMetaData group : groups) {
      for (ColumnChunkMetaData chunk : group.getColumns()) {
        org.apache.parquet.column.EncodingStats stats = chunk.getEncodingStats();
        java.util.Set<org.apache.parquet.column.Encoding> encodings =
            stats != null ? stats.getDataEncodings() : chunk.getEncodings();
        if (!FastColumnReader.SUPPORTED.containsAll(encodings)
            || chunk.getEncodings().contains(org.apache.parquet.column.Encoding.BIT_PACKED)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The writer's self-description from the footer. */
  public String createdBy() {
    return createdBy;
  }

  @Override
  public boolean next(ColumnBatch batch) {
    if (batch.table() != table) {
      throw new IllegalArgumentException("batch of " + batch.table() + " given to the " + table + " reader");
    }
    batch.clear();
    while (rowsLeftInGroup == 0) {
      if (rowGroupIndex + 1 >= rowGroupCount) {
        return false;
      }
      openNextRowGroup(batch);
    }
    int count = (int) Math.min(batch.capacity(), rowsLeftInGroup);
    int column = 0;
    try {
      for (; column < descriptors.size(); column++) {
        readColumn(batch, column, count);
      }
    } catch (TraceFormatException e) {
      throw e;
    } catch (FastColumnReader.MissingValueException e) {
      String name = table.columns().get(column).name();
      throw new TraceFormatException(
          path, "column " + name + " row " + e.row + " is null; every " + rowName + " must have a " + name, e);
    } catch (RuntimeException e) {
      throw new TraceFormatException(
          path, "row group " + rowGroupIndex + ": corrupt column data: " + describe(e), e);
    }
    batch.setSize(count);
    rowsLeftInGroup -= count;
    rowsRead += count;
    return true;
  }

  private void openNextRowGroup(ColumnBatch batch) {
    rowGroupIndex++;
    PageReadStore pages;
    try {
      pages = reader.readNextRowGroup();
    } catch (IOException | RuntimeException e) {
      throw new TraceFormatException(path, "row group " + rowGroupIndex + ": unreadable: " + describe(e), e);
    }
    if (pages == null) {
      throw new TraceFormatException(
          path, "row group " + rowGroupIndex + " is missing (file truncated after " + rowsRead + " rows)");
    }
    List<Column> columns = table.columns();
    if (fast) {
      try {
        fastReaders = new FastColumnReader[descriptors.size()];
        for (int column = 0; column < descriptors.size(); column++) {
          ColumnDescriptor descriptor = descriptors.get(column);
          fastReaders[column] =
              new FastColumnReader(
                  pages.getPageReader(descriptor), columns.get(column), descriptor, batch.dictionary(column), pages.getRowCount(), rowsRead);
        }
      } catch (IOException | RuntimeException e) {
        throw new TraceFormatException(path, "row group " + rowGroupIndex + ": unreadable: " + describe(e), e);
      }
      rowsLeftInGroup = pages.getRowCount();
      return;
    }
    Converter[] converters = new Converter[columns.size()];
    for (int column = 0; column < columns.size(); column++) {
      if (descriptors.get(column).getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY) {
        stringConverters[column] = new StringColumnConverter(batch.dictionary(column));
        converters[column] = stringConverters[column];
      } else {
        converters[column] = IgnoringConverter.INSTANCE;
      }
    }
    try {
      ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new RowConverter(converters), schema, createdBy);
      columnReaders = new ColumnReader[descriptors.size()];
      for (int column = 0; column < descriptors.size(); column++) {
        columnReaders[column] = store.getColumnReader(descriptors.get(column));
      }
    } catch (RuntimeException e) {
      throw new TraceFormatException(path, "row group " + rowGroupIndex + ": unreadable: " + describe(e), e);
    }
    rowsLeftInGroup = pages.getRowCount();
  }

  /** Reads the next {@code count} rows of one column into the batch. */
  private void readColumn(ColumnBatch batch, int column, int count) {
    long[] values = batch.column(column);
    boolean[] nulls = batch.nullMask(column);
    if (fast) {
      try {
        fastReaders[column].read(values, nulls, 0, count);
      } catch (IOException e) {
        throw new TraceFormatException(path, "row group " + rowGroupIndex + ": unreadable: " + describe(e), e);
      }
      return;
    }
    ColumnReader reader = columnReaders[column];
    ColumnDescriptor descriptor = descriptors.get(column);
    int definedLevel = descriptor.getMaxDefinitionLevel();
    PrimitiveTypeName physicalType = descriptor.getPrimitiveType().getPrimitiveTypeName();
    StringColumnConverter converter = stringConverters[column];
    for (int row = 0; row < count; row++) {
      if (reader.getCurrentDefinitionLevel() != definedLevel) {
        if (nulls == null) {
          throw new FastColumnReader.MissingValueException(rowsRead + row);
        }
        nulls[row] = true;
        values[row] = 0;
        reader.consume();
        continue;
      }
      if (nulls != null) {
        nulls[row] = false;
      }
      switch (physicalType) {
        case INT64:
          values[row] = reader.getLong();
          break;
        case INT32:
          values[row] = reader.getInteger();
          break;
        case BOOLEAN:
          values[row] = reader.getBoolean() ? 1 : 0;
          break;
        case BINARY:
          reader.writeCurrentValueToConverter();
          values[row] = converter.code;
          break;
        default:
          throw new IllegalStateException("unhandled physical type " + physicalType);
      }
      reader.consume();
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      if (reader != null) {
        reader.close();
      }
    } catch (IOException e) {
      // Nothing was written; a failed close of a read-only file loses nothing.
    }
  }

  /** Checks the magic bytes and the footer length before parquet-mr trusts either; returns where the footer starts. */
  private static long checkEnvelope(Path path) {
    long size;
    try {
      if (!Files.isRegularFile(path)) {
        throw new TraceFormatException(path, Files.exists(path) ? "not a regular file" : "file not found");
      }
      size = Files.size(path);
    } catch (IOException e) {
      throw new TraceFormatException(path, "cannot read: " + describe(e), e);
    }
    if (size < 2L * MAGIC.length + 4) {
      throw new TraceFormatException(path, "truncated: " + size + " bytes is too short for a Parquet file");
    }
    byte[] head = new byte[MAGIC.length];
    ByteBuffer tail = ByteBuffer.allocate(4 + MAGIC.length).order(ByteOrder.LITTLE_ENDIAN);
    try (InputStream in = Files.newInputStream(path);
        SeekableByteChannel channel = Files.newByteChannel(path)) {
      if (in.readNBytes(head, 0, head.length) != head.length) {
        throw new TraceFormatException(path, "truncated while reading the header");
      }
      channel.position(size - tail.capacity());
      while (tail.hasRemaining()) {
        if (channel.read(tail) < 0) {
          throw new TraceFormatException(path, "truncated while reading the footer");
        }
      }
    } catch (NoSuchFileException e) {
      throw new TraceFormatException(path, "file not found", e);
    } catch (IOException e) {
      throw new TraceFormatException(path, "cannot read: " + describe(e), e);
    }
    tail.flip();
    int footerBytes = tail.getInt();
    byte[] tailMagic = new byte[MAGIC.length];
    tail.get(tailMagic);
    if (!java.util.Arrays.equals(head, MAGIC)) {
      throw new TraceFormatException(path, "not a Parquet file (no PAR1 magic at the start)");
    }
    if (!java.util.Arrays.equals(tailMagic, MAGIC)) {
      throw new TraceFormatException(path, "truncated or not a Parquet file (no PAR1 magic at the end)");
    }
    if (footerBytes <= 0 || footerBytes > size - 2L * MAGIC.length - 4 || footerBytes > FOOTER_BYTES_MAX) {
      throw new TraceFormatException(
          path, "corrupt footer: claims " + footerBytes + " bytes in a file of " + size + " bytes");
    }
    return size - MAGIC.length - 4 - footerBytes;
  }

  private static void checkSchema(Path path, Table table, MessageType schema) {
    MessageType expected = ParquetSchemas.of(table);
    List<Column> columns = table.columns();
    if (schema.getFieldCount() != columns.size()) {
      String first = schema.getFieldCount() == 0 ? "none" : "'" + schema.getType(0).getName() + "', ...";
      throw new TraceFormatException(
          path,
          "not a " + table.tableName() + " table: " + schema.getFieldCount() + " columns (" + first + "), expected "
              + columns.size() + " ('" + columns.get(0).name() + "', ...)");
    }
    for (int column = 0; column < columns.size(); column++) {
      org.apache.parquet.schema.Type actual = schema.getType(column);
      org.apache.parquet.schema.Type wanted = expected.getType(column);
      if (!actual.getName().equals(wanted.getName())) {
        throw new TraceFormatException(
            path,
            "column " + column + " is '" + actual.getName() + "', expected '" + wanted.getName() + "'");
      }
      if (!actual.isPrimitive() || actual.getRepetition() == org.apache.parquet.schema.Type.Repetition.REPEATED) {
        throw new TraceFormatException(
            path, "column '" + actual.getName() + "' is " + actual + ", expected " + wanted + ": one value per row");
      }
      if (!holdsLosslessly(actual.asPrimitiveType(), columns.get(column))) {
        throw new TraceFormatException(
            path,
            "column '" + actual.getName() + "' is " + typeName(actual.asPrimitiveType()) + ", expected "
                + typeName(wanted.asPrimitiveType()) + " (SQL " + columns.get(column).type().sqlName() + ")");
      }
    }
  }

  /**
   * Whether every value a file's column of this type can hold is one value of {@code column}: the same
   * physical type, or a narrower signed integer; strings with or without their annotation. Unsigned 32-
   * and 64-bit integers, dates, decimals and the like are refused, not reinterpreted.
   */
  static boolean holdsLosslessly(PrimitiveType actual, Column column) {
    LogicalTypeAnnotation annotation = actual.getLogicalTypeAnnotation();
    switch (column.type()) {
      case INT64:
        if (actual.getPrimitiveTypeName() == PrimitiveTypeName.INT64) {
          return annotation == null || isInteger(annotation, true, 64);
        }
        return actual.getPrimitiveTypeName() == PrimitiveTypeName.INT32 && fitsInt32(annotation);
      case INT32:
        return actual.getPrimitiveTypeName() == PrimitiveTypeName.INT32 && fitsInt32(annotation);
      case BOOLEAN:
        return actual.getPrimitiveTypeName() == PrimitiveTypeName.BOOLEAN && annotation == null;
      case STRING:
        return actual.getPrimitiveTypeName() == PrimitiveTypeName.BINARY
            && (annotation == null
                || annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation);
      default:
        throw new IllegalStateException("unhandled column type " + column.type());
    }
  }

  /** An INT32 whose values all fit a signed 32-bit integer: unannotated, signed, or unsigned of 16 bits at most. */
  private static boolean fitsInt32(LogicalTypeAnnotation annotation) {
    return annotation == null || isInteger(annotation, true, 32) || isInteger(annotation, false, 16);
  }

  private static boolean isInteger(LogicalTypeAnnotation annotation, boolean signed, int bitWidthMax) {
    if (!(annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation)) {
      return false;
    }
    LogicalTypeAnnotation.IntLogicalTypeAnnotation integer = (LogicalTypeAnnotation.IntLogicalTypeAnnotation) annotation;
    return (integer.isSigned() || !signed) && integer.getBitWidth() <= bitWidthMax;
  }

  private static String typeName(PrimitiveType type) {
    String physical = type.getPrimitiveTypeName().name();
    LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
    return annotation == null ? physical : physical + " " + annotation;
  }

  private static String rowName(Table table) {
    switch (table) {
      case EVENTS:
        return "event";
      case TRAPS:
        return "trap";
      case CHOICES:
        return "choice";
      case FINDINGS:
        return "finding";
      default:
        throw new IllegalStateException("unhandled table " + table);
    }
  }

  /**
   * Checks every row group's counts and sizes, and that every column chunk and every page index the
   * footer points at lies before the footer: bytes cut out of a file whose checksum was then recomputed
   * shift the footer, and what it points at no longer fits.
   */
  private static long checkRowGroups(Path path, List<BlockMetaData> groups, long rowGroupBytesMax, long footerStart) {
    long total = 0;
    for (int index = 0; index < groups.size(); index++) {
      BlockMetaData group = groups.get(index);
      if (group.getRowCount() < 0) {
        throw new TraceFormatException(path, "row group " + index + ": negative row count");
      }
      if (group.getCompressedSize() > rowGroupBytesMax) {
        throw new TraceFormatException(
            path,
            "row group " + index + " holds " + group.getCompressedSize() + " bytes, more than the limit of "
                + rowGroupBytesMax);
      }
      for (ColumnChunkMetaData chunk : group.getColumns()) {
        long start = chunk.getStartingPos();
        long end = start + chunk.getTotalSize();
        if (start < MAGIC.length || chunk.getTotalSize() < 0 || end > footerStart) {
          throw new TraceFormatException(
              path,
              "row group " + index + ", column '" + chunk.getPath().toDotString() + "' lies outside the file's data"
                  + " (truncated or cut?)");
        }
        checkIndex(path, index, chunk, chunk.getColumnIndexReference(), "column index", footerStart);
        checkIndex(path, index, chunk, chunk.getOffsetIndexReference(), "offset index", footerStart);
      }
      total = Math.addExact(total, group.getRowCount());
    }
    return total;
  }

  private static void checkIndex(
      Path path, int group, ColumnChunkMetaData chunk, org.apache.parquet.internal.hadoop.metadata.IndexReference reference, String what,
      long footerStart) {
    if (reference == null) {
      return;
    }
    long end = reference.getOffset() + reference.getLength();
    if (reference.getOffset() < MAGIC.length || reference.getLength() < 0 || end > footerStart) {
      throw new TraceFormatException(
          path, "row group " + group + ", column '" + chunk.getPath().toDotString() + "': its " + what + " lies outside the file's data (truncated or cut?)");
    }
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : firstLine(message);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Turns each string value into its code, decoding a dictionary page's strings once per row group. */
  private static final class StringColumnConverter extends PrimitiveConverter {
    private final StringDictionary dictionary;
    private int[] codeById = new int[0];
    int code;

    StringColumnConverter(StringDictionary dictionary) {
      this.dictionary = dictionary;
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary pageDictionary) {
      int size = pageDictionary.getMaxId() + 1;
      if (size < 0 || size > StringDictionary.SIZE_MAX) {
        throw new IllegalStateException("dictionary of " + size + " strings exceeds the limit");
      }
      codeById = new int[size];
      for (int id = 0; id < size; id++) {
        codeById[id] = dictionary.code(pageDictionary.decodeToBinary(id).toStringUsingUTF8());
      }
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
      if (dictionaryId < 0 || dictionaryId >= codeById.length) {
        throw new IllegalStateException("dictionary id " + dictionaryId + " out of range");
      }
      code = codeById[dictionaryId];
    }

    @Override
    public void addBinary(Binary value) {
      code = dictionary.code(value.toStringUsingUTF8());
    }
  }

  /** Columns read through {@link ColumnReader#getLong()} and friends need no converter. */
  private static final class IgnoringConverter extends PrimitiveConverter {
    static final IgnoringConverter INSTANCE = new IgnoringConverter();
  }

  private static final class RowConverter extends GroupConverter {
    private final Converter[] converters;

    RowConverter(Converter[] converters) {
      this.converters = converters;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
  }
}
