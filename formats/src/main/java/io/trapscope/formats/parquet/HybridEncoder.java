package io.trapscope.formats.parquet;

import org.apache.parquet.column.values.bitpacking.BytePackerForLong;

/**
 * Parquet's RLE / bit-packed hybrid encoding of small unsigned integers: runs of eight or more equal values
 * become RLE runs, everything else bit-packed groups of eight. It is parquet-mr's encoder's loop, one pass
 * over the values deciding group by group, so the bytes are the same as its; but over the page's array,
 * packing each group from it with parquet-mr's generated packer, without a call and a buffer per value.
 * Used for dictionary ids, booleans and definition levels.
 */
final class HybridEncoder {
  /** parquet-mr's own limit, so that every bit-packed header fits in one byte. */
  private static final int GROUPS_PER_RUN_MAX = 63;

  /** Values in an RLE run at least; shorter repeats are bit-packed with their neighbours. */
  private static final int RUN_VALUES_MIN = 8;

  private HybridEncoder() {}

  /** Appends the encoding of {@code values[0, count)}, each below {@code 2^bitWidth}. */
  static void encode(long[] values, int count, int bitWidth, ByteSink out) {
    BytePackerForLong packer = Packers.forLongs(bitWidth);
    long previous = 0;
    int repeats = 0;
    // The values since the last group or RLE run: always values[groupStart, groupStart + buffered).
    int groupStart = 0;
    int buffered = 0;
    // The bit-packed run being written: where its header byte is, and its groups so far.
    int header = -1;
    int groups = 0;
    for (int index = 0; index < count; index++) {
      long value = values[index];
      if (value == previous) {
        if (++repeats >= RUN_VALUES_MIN) {
          // An RLE run for certain: count on, buffer nothing.
          continue;
        }
      } else {
        if (repeats >= RUN_VALUES_MIN) {
          endBitPackedRun(out, header, groups);
          header = -1;
          groups = 0;
          writeRleRun(previous, repeats, bitWidth, out);
          // The buffered values were the run's first repeats, and are in it.
          buffered = 0;
        }
        repeats = 1;
        previous = value;
      }
      if (buffered == 0) {
        groupStart = index;
      }
      if (++buffered == 8) {
        if (groups == GROUPS_PER_RUN_MAX) {
          endBitPackedRun(out, header, groups);
          header = -1;
          groups = 0;
        }
        if (header < 0) {
          header = out.reserve(1);
        }
        // Reserved first: reserving may grow the array.
        int position = out.reserve(bitWidth);
        packer.pack8Values(values, groupStart, out.array(), position);
        groups++;
        buffered = 0;
        // Repeats packed into the group no longer count towards an RLE run.
        repeats = 0;
      }
    }
    if (repeats >= RUN_VALUES_MIN) {
      endBitPackedRun(out, header, groups);
      writeRleRun(previous, repeats, bitWidth, out);
      return;
    }
    if (buffered > 0) {
      if (groups == GROUPS_PER_RUN_MAX) {
        endBitPackedRun(out, header, groups);
        header = -1;
        groups = 0;
      }
      if (header < 0) {
        header = out.reserve(1);
      }
      long[] padded = new long[8];
      System.arraycopy(values, groupStart, padded, 0, buffered);
      int position = out.reserve(bitWidth);
      packer.pack8Values(padded, 0, out.array(), position);
      groups++;
    }
    endBitPackedRun(out, header, groups);
  }

  /** Fills in the header of the bit-packed run at {@code header}, if one is being written. */
  private static void endBitPackedRun(ByteSink out, int header, int groups) {
    if (header >= 0) {
      out.array()[header] = (byte) ((groups << 1) | 1);
    }
  }

  private static void writeRleRun(long value, int repeats, int bitWidth, ByteSink out) {
    out.writeUnsignedVarint((long) repeats << 1);
    int bytes = (bitWidth + 7) / 8;
    for (int index = 0; index < bytes; index++) {
      out.writeByte((int) (value >>> (8 * index)));
    }
  }
}
