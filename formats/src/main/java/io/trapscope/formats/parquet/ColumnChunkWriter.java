package io.trapscope.formats.parquet;

import io.trapscope.formats.Column;
import io.trapscope.formats.ColumnType;
import io.trapscope.formats.StringDictionary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.BinaryStatistics;
import org.apache.parquet.column.statistics.BooleanStatistics;
import org.apache.parquet.column.statistics.IntStatistics;
import org.apache.parquet.column.statistics.LongStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.api.Binary;

/**
 * One column of the row group being written: stages a page of values, encodes and compresses each page
 * when it is full, and writes the whole chunk (dictionary page first) when the row group ends.
 *
 * <p>Encodings follow the column's shape: DELTA_BINARY_PACKED for counters, RLE for booleans, a chunk
 * dictionary with RLE_DICTIONARY pages for categories (falling back to PLAIN for the rest of the chunk
 * should one pass {@link LongDictionary#ENTRIES_MAX} values), and PLAIN for the rest, whose repeats zstd
 * finds at least as well as a dictionary would, at a fraction of the cost.
 */
final class ColumnChunkWriter {
  enum Strategy {
    DELTA,
    DICTIONARY,
    PLAIN,
    BOOLEAN;

    /** The encoding a column's shape calls for. */
    static Strategy of(Column column) {
      if (column.type() == ColumnType.BOOLEAN) {
        return BOOLEAN;
      }
      switch (column.shape()) {
        case COUNTER:
          return DELTA;
        case CATEGORY:
          return DICTIONARY;
        case VALUE:
          return column.type() == ColumnType.STRING ? DICTIONARY : PLAIN;
        default:
          throw new IllegalStateException("unhandled shape " + column.shape());
      }
    }
  }

  private final Column column;
  private final ColumnDescriptor descriptor;
  private final Strategy strategy;
  private final Codecs.ArrayCompressor compressor;
  private final long[] staged;
  private final boolean[] stagedNulls;
  private final long[] nonNull;
  private final long[] ids;
  private final long[] deltaScratch = new long[DeltaEncoder.BLOCK_VALUES];
  private final ByteSink data;
  private final ByteSink levels;
  private final LongDictionary dictionary = new LongDictionary();
  private final List<EncodedPage> pages = new ArrayList<>();
  /** This writer's own codes for a string column: batches may each bring their own dictionary. */
  private final StringDictionary strings = new StringDictionary();
  /** The batch dictionary {@link #toOwnCodes} translates from. */
  private StringDictionary source;
  /** Our code for each code of {@link #source}, or -1 where not yet looked up. */
  private int[] toOwnCodes = new int[0];
  private Binary[] binaries = new Binary[0];
  private int stagedCount;
  private long chunkValues;
  private boolean fellBack;

  ColumnChunkWriter(Column column, ColumnDescriptor descriptor, Codecs.ArrayCompressor compressor, int pageRows) {
    this.column = column;
    this.descriptor = descriptor;
    this.strategy = Strategy.of(column);
    this.compressor = compressor;
    this.staged = new long[pageRows];
    this.stagedNulls = column.nullable() ? new boolean[pageRows] : null;
    this.nonNull = new long[pageRows];
    this.ids = new long[pageRows];
    this.data = new ByteSink(pageRows * 8 + 64);
    this.levels = new ByteSink(column.nullable() ? pageRows / 4 : 16);
  }

  /** Copies rows {@code [from, from + count)} of a batch column into the page being staged. */
  void stage(long[] values, boolean[] nulls, StringDictionary batchStrings, int from, int count) {
    if (batchStrings != null) {
      stageStrings(values, nulls, batchStrings, from, count);
    } else {
      System.arraycopy(values, from, staged, stagedCount, count);
    }
    if (stagedNulls != null) {
      if (nulls == null) {
        java.util.Arrays.fill(stagedNulls, stagedCount, stagedCount + count, false);
      } else {
        System.arraycopy(nulls, from, stagedNulls, stagedCount, count);
      }
    }
    stagedCount += count;
  }

  /**
   * Stages string codes translated to this writer's own: codes stay staged and in the chunk dictionary
   * across batches, which need not share a dictionary.
   */
  private void stageStrings(long[] codes, boolean[] nulls, StringDictionary batchStrings, int from, int count) {
    if (batchStrings != source) {
      source = batchStrings;
      toOwnCodes = new int[0];
    }
    for (int index = 0; index < count; index++) {
      if (nulls != null && nulls[from + index]) {
        staged[stagedCount + index] = 0;
        continue;
      }
      int code = (int) codes[from + index];
      if (code >= toOwnCodes.length) {
        int known = toOwnCodes.length;
        toOwnCodes = java.util.Arrays.copyOf(toOwnCodes, Math.max(code + 1, source.size()));
        java.util.Arrays.fill(toOwnCodes, known, toOwnCodes.length, -1);
      }
      int own = toOwnCodes[code];
      if (own < 0) {
        own = strings.code(source.value(code));
        toOwnCodes[code] = own;
      }
      staged[stagedCount + index] = own;
    }
  }

  /** Encodes and compresses the staged rows as one data page. */
  void finishPage() throws IOException {
    if (stagedCount == 0) {
      return;
    }
    int rows = stagedCount;
    int present = 0;
    BytesInput definitionLevels = BytesInput.empty();
    if (stagedNulls != null) {
      levels.clear();
      for (int row = 0; row < rows; row++) {
        boolean isNull = stagedNulls[row];
        ids[row] = isNull ? 0 : 1;
        if (!isNull) {
          nonNull[present++] = staged[row];
        }
      }
      HybridEncoder.encode(ids, rows, 1, levels);
      definitionLevels = BytesInput.from(levels.toByteArray());
    } else {
      System.arraycopy(staged, 0, nonNull, 0, rows);
      present = rows;
    }
    Statistics<?> statistics = statistics(nonNull, present, rows - present);
    data.clear();
    Encoding encoding = encode(nonNull, present);
    BytesInput compressed = compressor.compress(data.array(), data.size());
    pages.add(new EncodedPage(rows, rows - present, encoding, definitionLevels, compressed, data.size(), statistics));
    chunkValues += rows;
    stagedCount = 0;
  }

  private Encoding encode(long[] values, int count) {
    switch (strategy) {
      case BOOLEAN:
        for (int index = 0; index < count; index++) {
          ids[index] = values[index];
        }
        int lengthPosition = data.size();
        data.writeIntLittleEndian(0);
        HybridEncoder.encode(ids, count, 1, data);
        data.putIntLittleEndian(lengthPosition, data.size() - lengthPosition - 4);
        return Encoding.RLE;
      case DICTIONARY:
        if (!fellBack && toDictionaryIds(values, count)) {
          int bitWidth = 32 - Integer.numberOfLeadingZeros(Math.max(0, dictionary.size() - 1));
          data.writeByte(bitWidth);
          HybridEncoder.encode(ids, count, bitWidth, data);
          return Encoding.RLE_DICTIONARY;
        }
        fellBack = true;
        writePlain(values, count);
        return Encoding.PLAIN;
      case PLAIN:
        writePlain(values, count);
        return Encoding.PLAIN;
      case DELTA:
        DeltaEncoder.encode(values, count, column.type() == ColumnType.INT32, data, deltaScratch);
        return Encoding.DELTA_BINARY_PACKED;
      default:
        throw new IllegalStateException("unhandled strategy " + strategy);
    }
  }

  private boolean toDictionaryIds(long[] values, int count) {
    for (int index = 0; index < count; index++) {
      int id = dictionary.idOf(values[index]);
      if (id < 0) {
        return false;
      }
      ids[index] = id;
    }
    return true;
  }

  private void writePlain(long[] values, int count) {
    switch (column.type()) {
      case INT64:
        data.writeLongsLittleEndian(values, count);
        break;
      case INT32:
        data.writeIntsLittleEndian(values, count);
        break;
      case STRING:
        for (int index = 0; index < count; index++) {
          byte[] utf8 = binary((int) values[index]).getBytesUnsafe();
          data.writeIntLittleEndian(utf8.length);
          data.writeBytes(utf8, 0, utf8.length);
        }
        break;
      default:
        throw new IllegalStateException("no plain encoding for " + column.type());
    }
  }

  private Statistics<?> statistics(long[] values, int count, int nulls) {
    Statistics<?> statistics = Statistics.createStats(descriptor.getPrimitiveType());
    statistics.incrementNumNulls(nulls);
    if (count == 0) {
      return statistics;
    }
    if (column.type() == ColumnType.STRING) {
      updateStringStatistics((BinaryStatistics) statistics, values, count);
      return statistics;
    }
    long min = values[0];
    long max = values[0];
    for (int index = 1; index < count; index++) {
      long value = values[index];
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    switch (column.type()) {
      case INT64:
        ((LongStatistics) statistics).setMinMax(min, max);
        break;
      case INT32:
        ((IntStatistics) statistics).setMinMax((int) min, (int) max);
        break;
      case BOOLEAN:
        ((BooleanStatistics) statistics).setMinMax(min != 0, max != 0);
        break;
      default:
        throw new IllegalStateException("unhandled column type");
    }
    return statistics;
  }

  /** Compares each distinct string of the page once, not once per row. */
  private void updateStringStatistics(BinaryStatistics statistics, long[] codes, int count) {
    boolean[] seen = new boolean[strings.size()];
    for (int index = 0; index < count; index++) {
      int code = (int) codes[index];
      if (!seen[code]) {
        seen[code] = true;
        statistics.updateStats(binary(code));
      }
    }
  }

  private Binary binary(int code) {
    if (code >= binaries.length) {
      Binary[] grown = java.util.Arrays.copyOf(binaries, strings.size());
      for (int index = binaries.length; index < grown.length; index++) {
        grown[index] = Binary.fromString(strings.value(index));
      }
      binaries = grown;
    }
    return binaries[code];
  }

  /** Writes the chunk of the current row group and starts a new one. */
  void writeChunk(ParquetFileWriter writer) throws IOException {
    writer.startColumn(descriptor, chunkValues, compressor.getCodecName());
    if (strategy == Strategy.DICTIONARY && dictionary.size() > 0) {
      writer.writeDictionaryPage(dictionaryPage());
    }
    for (EncodedPage page : pages) {
      writer.writeDataPageV2(
          page.rows, page.nulls, page.rows, BytesInput.empty(), page.definitionLevels, page.encoding, page.compressed, page.uncompressedBytes, page.statistics);
    }
    writer.endColumn();
    pages.clear();
    dictionary.clear();
    chunkValues = 0;
    fellBack = false;
  }

  private DictionaryPage dictionaryPage() throws IOException {
    data.clear();
    int size = dictionary.size();
    for (int id = 0; id < size; id++) {
      long value = dictionary.value(id);
      switch (column.type()) {
        case INT64:
          data.writeLongLittleEndian(value);
          break;
        case INT32:
          data.writeIntLittleEndian((int) value);
          break;
        case STRING:
          byte[] utf8 = binary((int) value).getBytesUnsafe();
          data.writeIntLittleEndian(utf8.length);
          data.writeBytes(utf8, 0, utf8.length);
          break;
        default:
          throw new IllegalStateException("no dictionary for " + column.type());
      }
    }
    int uncompressed = data.size();
    BytesInput compressed = compressor.compress(data.array(), uncompressed);
    return new DictionaryPage(compressed, uncompressed, size, Encoding.PLAIN);
  }

  private static final class EncodedPage {
    final int rows;
    final int nulls;
    final Encoding encoding;
    final BytesInput definitionLevels;
    final BytesInput compressed;
    final int uncompressedBytes;
    final Statistics<?> statistics;

    EncodedPage(int rows, int nulls, Encoding encoding, BytesInput definitionLevels, BytesInput compressed, int uncompressedBytes, Statistics<?> statistics) {
      this.rows = rows;
      this.nulls = nulls;
      this.encoding = encoding;
      this.definitionLevels = definitionLevels;
      this.compressed = compressed;
      this.uncompressedBytes = uncompressedBytes;
      this.statistics = statistics;
    }
  }
}
