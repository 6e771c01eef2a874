package io.trapscope.formats.arrow;

import io.trapscope.formats.Column;
import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.Table;
import io.trapscope.formats.TableReader;
import io.trapscope.formats.TraceFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ValueVectorUtility;

/**
 * Streams one trace table out of an Arrow IPC file; memory is bounded by an allocator limit so that a
 * hostile file cannot claim more than {@link #ALLOCATION_BYTES_MAX}.
 */
public final class ArrowTableReader implements TableReader {
  /** Our writer's record batches hold a few hundred kilobytes. */
  public static final long ALLOCATION_BYTES_MAX = 256L << 20;

  private final Path path;
  private final Table table;
  private final BufferAllocator allocator;
  private final ArrowFileReader reader;
  private final long rows;
  private final Map<String, String> metadata;
  private VectorSchemaRoot root;
  private int rowInBatch;
  private int batchIndex = -1;

  private ArrowTableReader(Path path, Table table) {
    this.path = path;
    this.table = table;
    if (!Files.isRegularFile(path)) {
      throw new TraceFormatException(path, "file not found");
    }
    this.allocator = new RootAllocator(ALLOCATION_BYTES_MAX);
    ArrowFileReader opened = null;
    try {
      opened = new ArrowFileReader(Files.newByteChannel(path, StandardOpenOption.READ), allocator);
      Schema schema = opened.getVectorSchemaRoot().getSchema();
      checkSchema(schema);
      this.metadata = schema.getCustomMetadata() == null ? Map.of() : Map.copyOf(schema.getCustomMetadata());
      long count = 0;
      while (opened.loadNextBatch()) {
        count += opened.getVectorSchemaRoot().getRowCount();
      }
      this.rows = count;
      this.reader = opened;
    } catch (IOException | RuntimeException e) {
      closeQuietly(opened, allocator);
      if (e instanceof TraceFormatException) {
        throw (TraceFormatException) e;
      }
      throw new TraceFormatException(path, "not a readable Arrow IPC file: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(ArrowFileReader opened, BufferAllocator allocator) {
    try {
      if (opened != null) {
        opened.close();
      }
    } catch (IOException | RuntimeException e) {
      // Already failing; the first error is the one to report.
    }
    try {
      allocator.close();
    } catch (RuntimeException e) {
      // Arrow leaks the buffers of a record batch that failed half-way through loading, and the allocator
      // then throws on close; that must not replace the reader's own error, which is the one to report.
    }
  }

  /** Opens {@code path} as an Arrow file of {@code table}. */
  public static ArrowTableReader open(Path path, Table table) {
    return new ArrowTableReader(path, table);
  }

  private void checkSchema(Schema schema) {
    List<Column> columns = table.columns();
    List<Field> fields = schema.getFields();
    if (fields.size() != columns.size()) {
      throw new TraceFormatException(path, fields.size() + " columns, expected " + columns.size());
    }
    for (int index = 0; index < columns.size(); index++) {
      Field field = fields.get(index);
      Column column = columns.get(index);
      if (!field.getName().equals(column.name()) || !field.getType().equals(ArrowTableWriter.arrowType(column))) {
        throw new TraceFormatException(
            path, "column " + index + " is " + field + ", expected " + column.name() + " " + column.type());
      }
    }
  }

  @Override
  public boolean next(ColumnBatch batch) {
    batch.clear();
    try {
      while (root == null || rowInBatch >= root.getRowCount()) {
        batchIndex++;
        if (batchIndex >= reader.getRecordBlocks().size()) {
          return false;
        }
        reader.loadRecordBatch(reader.getRecordBlocks().get(batchIndex));
        root = reader.getVectorSchemaRoot();
        // Offsets and lengths come from the file: check them before a string's claimed length is allocated.
        ValueVectorUtility.validateFull(root);
        rowInBatch = 0;
      }
      int count = Math.min(batch.capacity(), root.getRowCount() - rowInBatch);
      copy(batch, count);
      rowInBatch += count;
      batch.setSize(count);
      return true;
    } catch (IOException | RuntimeException e) {
      throw new TraceFormatException(path, "record batch " + batchIndex + ": " + e.getMessage(), e);
    }
  }

  private void copy(ColumnBatch batch, int count) {
    List<Column> columns = table.columns();
    for (int column = 0; column < columns.size(); column++) {
      FieldVector vector = root.getVector(column);
      long[] values = batch.column(column);
      boolean[] nulls = batch.nullMask(column);
      for (int row = 0; row < count; row++) {
        int source = rowInBatch + row;
        boolean isNull = vector.isNull(source);
        if (isNull && nulls == null) {
          throw new TraceFormatException(path, "null in required column " + columns.get(column).name());
        }
        if (nulls != null) {
          nulls[row] = isNull;
        }
        if (isNull) {
          values[row] = 0;
          continue;
        }
        switch (columns.get(column).type()) {
          case INT64:
            values[row] = ((BigIntVector) vector).get(source);
            break;
          case INT32:
            values[row] = ((IntVector) vector).get(source);
            break;
          case BOOLEAN:
            values[row] = ((BitVector) vector).get(source);
            break;
          case STRING:
            values[row] =
                batch.dictionary(column).code(new String(((VarCharVector) vector).get(source), StandardCharsets.UTF_8));
            break;
          default:
            throw new IllegalStateException("unhandled column type");
        }
      }
    }
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public void close() {
    closeQuietly(reader, allocator);
  }
}
