package io.trapscope.formats.arrow;

import io.trapscope.formats.Column;
import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.DigestingOutputStream;
import io.trapscope.formats.StringDictionary;
import io.trapscope.formats.Table;
import io.trapscope.formats.TableWriter;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Writes one trace table as an Arrow IPC file, one record batch per {@link ColumnBatch}. */
public final class ArrowTableWriter implements TableWriter {
  private final Table table;
  private final BufferAllocator allocator;
  private final VectorSchemaRoot root;
  private final ArrowFileWriter writer;
  private final DigestingOutputStream output;
  private final byte[][][] utf8ByColumn;
  /** The dictionary each column's {@link #utf8ByColumn} was built from: batches need not share one. */
  private final StringDictionary[] utf8Source;
  private long rows;
  private boolean closed;

  /** Creates {@code path}, which must not exist yet; {@code metadata} goes into the schema. */
  public ArrowTableWriter(Path path, Table table, Map<String, String> metadata) throws IOException {
    this.table = table;
    this.allocator = new RootAllocator();
    this.root = VectorSchemaRoot.create(schema(table, metadata), allocator);
    this.utf8ByColumn = new byte[table.columns().size()][][];
    this.utf8Source = new StringDictionary[table.columns().size()];
    this.output = new DigestingOutputStream(path);
    try {
      this.writer = new ArrowFileWriter(root, null, Channels.newChannel(output));
      writer.start();
    } catch (IOException | RuntimeException e) {
      root.close();
      allocator.close();
      output.close();
      throw e;
    }
  }

  /** The Arrow schema of a trace table. */
  public static Schema schema(Table table, Map<String, String> metadata) {
    List<Field> fields = new ArrayList<>();
    for (Column column : table.columns()) {
      fields.add(new Field(column.name(), new FieldType(column.nullable(), arrowType(column), null), null));
    }
    return new Schema(fields, metadata);
  }

  static ArrowType arrowType(Column column) {
    switch (column.type()) {
      case INT64:
        return new ArrowType.Int(64, true);
      case INT32:
        return new ArrowType.Int(32, true);
      case BOOLEAN:
        return ArrowType.Bool.INSTANCE;
      case STRING:
        return ArrowType.Utf8.INSTANCE;
      default:
        throw new IllegalStateException("unhandled column type " + column.type());
    }
  }

  @Override
  public void write(ColumnBatch batch) throws IOException {
    if (batch.table() != table) {
      throw new IllegalArgumentException("batch of " + batch.table() + " given to the " + table + " writer");
    }
    int size = batch.size();
    if (size == 0) {
      return;
    }
    List<Column> columns = table.columns();
    for (int column = 0; column < columns.size(); column++) {
      FieldVector vector = root.getVector(column);
      long[] values = batch.column(column);
      boolean[] nulls = batch.nullMask(column);
      switch (columns.get(column).type()) {
        case INT64: {
          BigIntVector target = (BigIntVector) vector;
          target.allocateNew(size);
          for (int row = 0; row < size; row++) {
            if (nulls != null && nulls[row]) {
              target.setNull(row);
            } else {
              target.set(row, values[row]);
            }
          }
          break;
        }
        case INT32: {
          IntVector target = (IntVector) vector;
          target.allocateNew(size);
          for (int row = 0; row < size; row++) {
            if (nulls != null && nulls[row]) {
              target.setNull(row);
            } else {
              target.set(row, (int) values[row]);
            }
          }
          break;
        }
        case BOOLEAN: {
          BitVector target = (BitVector) vector;
          target.allocateNew(size);
          for (int row = 0; row < size; row++) {
            if (nulls != null && nulls[row]) {
              target.setNull(row);
            } else {
              target.set(row, values[row] != 0 ? 1 : 0);
            }
          }
          break;
        }
        case STRING: {
          VarCharVector target = (VarCharVector) vector;
          byte[][] utf8 = utf8For(column, batch);
          target.allocateNew(size);
          for (int row = 0; row < size; row++) {
            if (nulls != null && nulls[row]) {
              target.setNull(row);
            } else {
              target.setSafe(row, utf8[(int) values[row]]);
            }
          }
          break;
        }
        default:
          throw new IllegalStateException("unhandled column type");
      }
      vector.setValueCount(size);
    }
    root.setRowCount(size);
    writer.writeBatch();
    rows += size;
  }

  private byte[][] utf8For(int column, ColumnBatch batch) {
    if (utf8Source[column] != batch.dictionary(column)) {
      utf8Source[column] = batch.dictionary(column);
      utf8ByColumn[column] = null;
    }
    byte[][] cached = utf8ByColumn[column];
    int size = batch.dictionary(column).size();
    if (cached == null || cached.length < size) {
      byte[][] grown = new byte[size][];
      for (int code = 0; code < size; code++) {
        grown[code] =
            cached != null && code < cached.length
                ? cached[code]
                : batch.dictionary(column).value(code).getBytes(StandardCharsets.UTF_8);
      }
      utf8ByColumn[column] = grown;
      cached = grown;
    }
    return cached;
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
      writer.end();
      writer.close();
    } finally {
      root.close();
      allocator.close();
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
}
