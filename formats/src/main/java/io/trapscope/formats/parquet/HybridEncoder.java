package io.trapscope.formats.parquet;

import org.apache.parquet.column.values.bitpacking.BytePackerForLong;

/**
 * Parquet's RLE / bit-packed hybrid encoding of small unsigned integers: runs of eight or more equal values
 * become RLE runs, everything else bit-packed groups of eight, cut into the same runs as parquet-mr's
 * encoder cuts them, so the bytes are the same; groups are packed by parquet-mr's generated packers.
 * parquet-mr's encoder itself, one call per value, is slower on booleans and no faster on the rest
 * (docs/PERFORMANCE.md). Used for dictionary ids, booleans and definition levels.
 */
final class HybridEncoder {
  /** parquet-mr's own limit, so that every bit-packed header fits in one byte. */
  private static final int GROUPS_PER_RUN_MAX = 63;

  private HybridEncoder() {}

  /** Appends the encoding of {@code values[0, count)}, each below {@code 2^bitWidth}. */
  static void encode(long[] values, int count, int bitWidth, ByteSink out) {
    int position = 0;
    int literalStart = 0;
    int literalCount = 0;
    while (position < count) {
      long value = values[position];
      int runEnd = position + 1;
      while (runEnd < count && values[runEnd] == value) {
        runEnd++;
      }
      int run = runEnd - position;
      if (run < 8) {
        if (literalCount == 0) {
          literalStart = position;
        }
        literalCount += run;
        position = runEnd;
        continue;
      }
      int fill = (8 - literalCount % 8) % 8;
      if (run - fill < 8) {
        // Too few repeats are left once the literals are padded to a group: they stay in the bit-packed
        // run, which goes on, rather than ending it for a new one (as parquet-mr's encoder does).
        if (literalCount == 0) {
          literalStart = position;
        }
        literalCount += run;
        position = runEnd;
        continue;
      }
      literalCount += fill;
      position += fill;
      run -= fill;
      writeLiterals(values, literalStart, literalCount, bitWidth, out);
      literalCount = 0;
      out.writeUnsignedVarint((long) run << 1);
      writeRleValue(value, bitWidth, out);
      position += run;
    }
    writeLiterals(values, literalStart, literalCount, bitWidth, out);
  }

  /**
   * Writes {@code values[start, start + count)} as bit-packed runs of whole groups of eight, the last group
   * padded with zeros; {@code values} may hold fewer than {@code start + count} values past the page.
   */
  private static void writeLiterals(long[] values, int start, int count, int bitWidth, ByteSink out) {
    BytePackerForLong packer = Packers.forLongs(bitWidth);
    int written = 0;
    while (written < count) {
      int groups = Math.min(GROUPS_PER_RUN_MAX, (count - written + 7) / 8);
      out.writeUnsignedVarint(((long) groups << 1) | 1);
      for (int group = 0; group < groups; group++) {
        int from = start + written + group * 8;
        int left = start + count - from;
        int position = out.reserve(bitWidth);
        if (left >= 8) {
          packer.pack8Values(values, from, out.array(), position);
        } else {
          long[] padded = new long[8];
          System.arraycopy(values, from, padded, 0, left);
          packer.pack8Values(padded, 0, out.array(), position);
        }
      }
      written += groups * 8;
    }
  }

  private static void writeRleValue(long value, int bitWidth, ByteSink out) {
    int bytes = (bitWidth + 7) / 8;
    for (int index = 0; index < bytes; index++) {
      out.writeByte((int) (value >>> (8 * index)));
    }
  }
}
