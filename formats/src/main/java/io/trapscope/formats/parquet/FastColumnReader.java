package io.trapscope.formats.parquet;

import io.trapscope.formats.Column;
import io.trapscope.formats.StringDictionary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Reads one column chunk page by page, decoding each page's values in one loop rather than one call per
 * value. parquet-mr still reads, checks (CRC) and decompresses the pages; this decodes them. Handles data
 * pages v1 and v2 of a flat column in the {@link #SUPPORTED} encodings, those {@link ParquetTableWriter}
 * writes and the common ones of other writers; files with anything else are read through parquet-mr's
 * column readers instead.
 *
 * <p>Values are decoded as the file's physical type says (an INT32 column widened into an INT64 one), and
 * definition levels as the file's repetition says: other writers (DuckDB) mark every column optional. A
 * null in a column the table requires is a {@link MissingValueException} naming its row.
 */
final class FastColumnReader {
  /** The data encodings decoded here. */
  static final Set<Encoding> SUPPORTED =
      EnumSet.of(Encoding.PLAIN, Encoding.RLE_DICTIONARY, Encoding.PLAIN_DICTIONARY, Encoding.DELTA_BINARY_PACKED, Encoding.RLE);

  /** Pages of more rows than this are refused: ours hold 64 Ki, and a hostile page must not size our buffers. */
  static final int PAGE_ROWS_MAX = 1 << 20;

  private final PageReader pages;
  private final Column column;
  private final PrimitiveTypeName physicalType;
  /** Whether the file's pages carry definition levels: the column is optional in the file. */
  private final boolean levelsInFile;
  private final StringDictionary strings;
  /** The file's row number of the chunk's first row, for the row a {@link MissingValueException} names. */
  private final long firstRow;
  private long rowsBeforePage;

  private long[] pageValues;
  private boolean[] pageNulls;
  private long[] dictionary;
  private long[] nonNull;
  private int[] ids;
  private int pageRows;
  private int position;
  private long rowsLeft;

  /**
   * @param descriptor the column as the file declares it
   * @param firstRow the file's row number of the chunk's first row
   */
  FastColumnReader(PageReader pages, Column column, ColumnDescriptor descriptor, StringDictionary strings, long rows, long firstRow)
      throws IOException {
    this.pages = pages;
    this.column = column;
    this.physicalType = descriptor.getPrimitiveType().getPrimitiveTypeName();
    this.levelsInFile = descriptor.getMaxDefinitionLevel() > 0;
    this.strings = strings;
    this.rowsLeft = rows;
    this.firstRow = firstRow;
    int initial = (int) Math.min(rows, ParquetTableWriter.PAGE_ROWS);
    this.pageValues = new long[initial];
    this.pageNulls = levelsInFile ? new boolean[initial] : null;
    this.nonNull = new long[initial];
    this.ids = new int[initial];
    DictionaryPage page = pages.readDictionaryPage();
    if (page != null) {
      dictionary = decodeDictionary(page);
    }
  }

  /** Fills {@code [offset, offset + count)} of {@code out} (and {@code nulls}) with the next rows. */
  void read(long[] out, boolean[] nulls, int offset, int count) throws IOException {
    int done = 0;
    while (done < count) {
      if (position == pageRows) {
        nextPage();
      }
      int take = Math.min(count - done, pageRows - position);
      System.arraycopy(pageValues, position, out, offset + done, take);
      if (nulls != null) {
        if (pageNulls == null) {
          java.util.Arrays.fill(nulls, offset + done, offset + done + take, false);
        } else {
          System.arraycopy(pageNulls, position, nulls, offset + done, take);
        }
      }
      position += take;
      done += take;
    }
  }

  private void nextPage() throws IOException {
    DataPage page = pages.readPage();
    Decoders.check(page != null, "column chunk ends before its rows do");
    if (page instanceof DataPageV1) {
      nextPageV1((DataPageV1) page);
      return;
    }
    Decoders.check(page instanceof DataPageV2, "unknown page type " + page.getClass().getSimpleName());
    DataPageV2 v2 = (DataPageV2) page;
    int rows = v2.getRowCount();
    int nulls = v2.getNullCount();
    reserve(rows);
    Decoders.check(nulls >= 0 && nulls <= rows && (nulls == 0 || levelsInFile), "page with " + nulls + " nulls");
    Decoders.check(v2.getValueCount() == rows && v2.getRepetitionLevels().size() == 0, "repeated values in a flat column");
    int present = rows - nulls;
    byte[] data = v2.getData().toByteArray();
    decodeValues(v2.getDataEncoding(), data, present);
    if (levelsInFile) {
      byte[] levels = v2.getDefinitionLevels().toByteArray();
      Decoders.hybrid(levels, 0, levels.length, 1, ids, rows);
      int next = 0;
      for (int row = 0; row < rows; row++) {
        boolean isNull = ids[row] == 0;
        pageNulls[row] = isNull;
        if (isNull) {
          pageValues[row] = 0;
        } else {
          Decoders.check(next < present, "definition levels disagree with the null count");
          pageValues[row] = nonNull[next++];
        }
      }
      Decoders.check(next == present, "definition levels disagree with the null count");
      if (nulls > 0 && !column.nullable()) {
        throw missingValue(rows);
      }
    } else {
      System.arraycopy(nonNull, 0, pageValues, 0, rows);
    }
    startPage(rows);
  }

  /** The first null of the page just decoded, in a column the table requires. */
  private MissingValueException missingValue(int rows) {
    int row = 0;
    while (row < rows && !pageNulls[row]) {
      row++;
    }
    return new MissingValueException(firstRow + rowsBeforePage + row);
  }

  private void startPage(int rows) {
    rowsBeforePage += pageRows;
    pageRows = rows;
    position = 0;
    rowsLeft -= rows;
  }

  /** A v1 page: levels and values in one buffer, definition levels RLE with a length prefix. */
  private void nextPageV1(DataPageV1 page) throws IOException {
    int rows = page.getValueCount();
    reserve(rows);
    byte[] bytes = page.getBytes().toByteArray();
    int offset = 0;
    int present = rows;
    if (levelsInFile) {
      Decoders.check(page.getDlEncoding() == Encoding.RLE && bytes.length >= 4, "definition levels encoded as " + page.getDlEncoding());
      int length = (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8 | (bytes[2] & 0xFF) << 16 | (bytes[3] & 0xFF) << 24;
      Decoders.check(length >= 0 && length <= bytes.length - 4, "definition levels of " + length + " bytes");
      Decoders.hybrid(bytes, 4, 4 + length, 1, ids, rows);
      present = 0;
      for (int row = 0; row < rows; row++) {
        pageNulls[row] = ids[row] == 0;
        present += ids[row];
      }
      if (present < rows && !column.nullable()) {
        throw missingValue(rows);
      }
      offset = 4 + length;
    }
    byte[] values = offset == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, offset, bytes.length);
    decodeValues(page.getValueEncoding(), values, present);
    if (pageNulls != null) {
      int next = 0;
      for (int row = 0; row < rows; row++) {
        pageValues[row] = pageNulls[row] ? 0 : nonNull[next++];
      }
    } else {
      System.arraycopy(nonNull, 0, pageValues, 0, rows);
    }
    startPage(rows);
  }

  /** Checks a page's claimed rows and makes room for them. */
  private void reserve(int rows) {
    Decoders.check(rows > 0 && rows <= PAGE_ROWS_MAX && rows <= rowsLeft, "page of %d rows", rows);
    if (rows > pageValues.length) {
      pageValues = new long[rows];
      pageNulls = pageNulls == null ? null : new boolean[rows];
      nonNull = new long[rows];
      ids = new int[rows];
    }
  }

  private void decodeValues(Encoding encoding, byte[] data, int count) {
    switch (encoding) {
      case PLAIN:
        plain(data, 0, count, nonNull);
        break;
      case RLE_DICTIONARY:
      case PLAIN_DICTIONARY:
        Decoders.check(dictionary != null, "dictionary-encoded page without a dictionary");
        Decoders.check(data.length > 0 || count == 0, "dictionary page data without a bit width");
        if (count > 0) {
          Decoders.hybrid(data, 1, data.length, data[0] & 0xFF, ids, count);
          for (int index = 0; index < count; index++) {
            int id = ids[index];
            Decoders.check(id >= 0 && id < dictionary.length, "dictionary id %d of %d", id, dictionary.length);
            nonNull[index] = dictionary[id];
          }
        }
        break;
      case DELTA_BINARY_PACKED:
        Decoders.check(physicalType == PrimitiveTypeName.INT64 || physicalType == PrimitiveTypeName.INT32, "delta encoding of " + physicalType);
        Decoders.delta(data, 0, data.length, nonNull, 0, count, physicalType == PrimitiveTypeName.INT32);
        break;
      case RLE:
        Decoders.check(physicalType == PrimitiveTypeName.BOOLEAN && data.length >= 4, "RLE data for " + physicalType);
        int length = (data[0] & 0xFF) | (data[1] & 0xFF) << 8 | (data[2] & 0xFF) << 16 | (data[3] & 0xFF) << 24;
        Decoders.check(length >= 0 && length <= data.length - 4, "RLE length " + length);
        Decoders.hybrid(data, 4, 4 + length, 1, ids, count);
        for (int index = 0; index < count; index++) {
          nonNull[index] = ids[index];
        }
        break;
      default:
        throw new Decoders.CorruptPageException("encoding " + encoding + " not expected here");
    }
  }

  private int plain(byte[] data, int offset, int count, long[] out) {
    switch (physicalType) {
      case INT64:
        return Decoders.plainLongs(data, offset, data.length, out, 0, count);
      case INT32:
        return Decoders.plainInts(data, offset, data.length, out, 0, count);
      case BOOLEAN:
        return Decoders.plainBooleans(data, offset, data.length, out, 0, count);
      case BINARY:
        for (int index = 0; index < count; index++) {
          Decoders.check(offset + 4 <= data.length, "string length runs past the page");
          int length = (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8 | (data[offset + 2] & 0xFF) << 16 | (data[offset + 3] & 0xFF) << 24;
          Decoders.check(length >= 0 && length <= data.length - offset - 4, "string of %d bytes runs past the page", length);
          out[index] = strings.code(new String(data, offset + 4, length, StandardCharsets.UTF_8));
          offset += 4 + length;
        }
        return offset;
      default:
        throw new IllegalStateException("unhandled physical type " + physicalType);
    }
  }

  private long[] decodeDictionary(DictionaryPage page) throws IOException {
    int size = page.getDictionarySize();
    Decoders.check(size >= 0 && size <= StringDictionary.SIZE_MAX, "dictionary of " + size + " entries");
    Decoders.check(page.getEncoding() == Encoding.PLAIN || page.getEncoding() == Encoding.PLAIN_DICTIONARY, "dictionary encoded as " + page.getEncoding());
    byte[] data = page.getBytes().toByteArray();
    long[] values = new long[size];
    plain(data, 0, size, values);
    return values;
  }

  /** A null in a column the table requires a value in; {@link ParquetTableReader} names the column. */
  static final class MissingValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The file's row number of the null. */
    final long row;

    MissingValueException(long row) {
      super("null at row " + row);
      this.row = row;
    }
  }
}
