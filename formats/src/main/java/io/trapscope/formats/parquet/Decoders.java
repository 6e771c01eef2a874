package io.trapscope.formats.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.BytePackerForLong;

/**
 * Decoders for the encodings {@link ParquetTableWriter} produces: PLAIN, the RLE / bit-packed hybrid (with
 * and without its length prefix), and DELTA_BINARY_PACKED. Every length, bit width and count comes from an
 * untrusted page and is checked before use; a bad one is a {@link CorruptPageException}.
 *
 * <p>Whole pages are decoded in one call, bit-packed values by parquet-mr's generated unpackers ({@link
 * Packers}) 32 or 8 at a time; parquet-mr's own value readers, one call per value, are slower on every
 * column measured (docs/PERFORMANCE.md, 2026-12-04).
 */
final class Decoders {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private Decoders() {}

  /** A page whose bytes do not decode; the message says how. */
  static final class CorruptPageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CorruptPageException(String message) {
      super(message);
    }
  }

  static void check(boolean condition, String what) {
    if (!condition) {
      throw new CorruptPageException(what);
    }
  }

  /** As {@link #check(boolean, String)}, formatting the message only on failure: checks run per value. */
  static void check(boolean condition, String format, long first) {
    if (!condition) {
      throw new CorruptPageException(String.format(format, first));
    }
  }

  static void check(boolean condition, String format, long first, long second) {
    if (!condition) {
      throw new CorruptPageException(String.format(format, first, second));
    }
  }

  /** PLAIN INT64: {@code count} values from {@code offset}; returns the offset after them. */
  static int plainLongs(byte[] data, int offset, int end, long[] out, int outOffset, int count) {
    check(count >= 0 && offset >= 0 && (long) offset + 8L * count <= end, "PLAIN INT64 values run past the page");
    for (int index = 0; index < count; index++, offset += 8) {
      out[outOffset + index] = (long) LONGS.get(data, offset);
    }
    return offset;
  }

  /** PLAIN INT32, widened. */
  static int plainInts(byte[] data, int offset, int end, long[] out, int outOffset, int count) {
    check(count >= 0 && offset >= 0 && (long) offset + 4L * count <= end, "PLAIN INT32 values run past the page");
    for (int index = 0; index < count; index++, offset += 4) {
      out[outOffset + index] = (int) INTS.get(data, offset);
    }
    return offset;
  }

  /** PLAIN BOOLEAN: bit-packed, least significant bit first. */
  static int plainBooleans(byte[] data, int offset, int end, long[] out, int outOffset, int count) {
    check(count >= 0 && offset >= 0 && (long) offset + (count + 7L) / 8 <= end, "PLAIN BOOLEAN values run past the page");
    for (int index = 0; index < count; index++) {
      out[outOffset + index] = (data[offset + (index >>> 3)] >>> (index & 7)) & 1;
    }
    return offset + (count + 7) / 8;
  }

  /** A ULEB128 varint; {@code position[0]} is advanced past it. */
  static long unsignedVarint(byte[] data, int[] position, int end) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      check(position[0] < end, "varint runs past the page");
      int next = data[position[0]++];
      value |= (long) (next & 0x7F) << shift;
      if ((next & 0x80) == 0) {
        return value;
      }
    }
    throw new CorruptPageException("varint longer than 10 bytes");
  }

  static long zigZagVarint(byte[] data, int[] position, int end) {
    long encoded = unsignedVarint(data, position, end);
    return (encoded >>> 1) ^ -(encoded & 1);
  }

  /**
   * The RLE / bit-packed hybrid, without a length prefix, from {@code [offset, end)}: exactly {@code count}
   * values of {@code bitWidth} bits into {@code out}. Returns the offset after the last run read.
   */
  static int hybrid(byte[] data, int offset, int end, int bitWidth, int[] out, int count) {
    check(bitWidth >= 0 && bitWidth <= 32, "bit width %d out of range", bitWidth);
    check(offset >= 0 && end <= data.length && offset <= end, "bad page bounds");
    int[] position = {offset};
    int done = 0;
    int valueBytes = (bitWidth + 7) / 8;
    BytePacker packer = Packers.forInts(bitWidth);
    while (done < count) {
      long header = unsignedVarint(data, position, end);
      if ((header & 1) == 0) {
        long run = header >>> 1;
        check(run > 0 && run <= count - done, "RLE run of %d values where %d remain", run, count - done);
        check(position[0] + valueBytes <= end, "RLE value runs past the page");
        int value = 0;
        for (int index = 0; index < valueBytes; index++) {
          value |= (data[position[0]++] & 0xFF) << (8 * index);
        }
        java.util.Arrays.fill(out, done, done + (int) run, value);
        done += (int) run;
      } else {
        long groups = header >>> 1;
        // Other writers pad their last run past the values left (DuckDB to 256 values): the bytes must be
        // in the page, the values past the count are dropped.
        check(groups > 0 && (bitWidth == 0 || groups <= (end - position[0]) / bitWidth), "bit-packed run of %d groups runs past the page", groups);
        long bytes = groups * bitWidth;
        int values = (int) Math.min(Math.min(groups, Integer.MAX_VALUE / 8) * 8, count - done);
        int cursor = position[0];
        int index = 0;
        if (bitWidth == 0) {
          // parquet-mr's packer of width 0 writes nothing at all.
          java.util.Arrays.fill(out, done, done + values, 0);
          index = values;
        }
        for (; index + 32 <= values; index += 32, cursor += 4 * bitWidth) {
          packer.unpack32Values(data, cursor, out, done + index);
        }
        for (; index + 8 <= values; index += 8, cursor += bitWidth) {
          packer.unpack8Values(data, cursor, out, done + index);
        }
        if (index < values) {
          // The run's last group holds values past the count, which out may have no room for.
          int[] group = new int[8];
          packer.unpack8Values(data, cursor, group, 0);
          System.arraycopy(group, 0, out, done + index, values - index);
        }
        position[0] += (int) bytes;
        done += values;
      }
    }
    return position[0];
  }

  /** DELTA_BINARY_PACKED from {@code [offset, end)}: {@code count} values; returns the offset after them. */
  static int delta(byte[] data, int offset, int end, long[] out, int outOffset, int count, boolean int32) {
    check(offset >= 0 && end <= data.length && offset <= end, "bad page bounds");
    int[] position = {offset};
    long blockValues = unsignedVarint(data, position, end);
    long miniblocks = unsignedVarint(data, position, end);
    long total = unsignedVarint(data, position, end);
    long value = zigZagVarint(data, position, end);
    check(blockValues > 0 && blockValues % 128 == 0 && blockValues <= 1 << 16, "delta block of %d values", blockValues);
    check(miniblocks > 0 && blockValues % miniblocks == 0 && (blockValues / miniblocks) % 32 == 0, "delta block of %d miniblocks", miniblocks);
    check(total == count, "delta page holds %d values, expected %d", total, count);
    if (count == 0) {
      return position[0];
    }
    int miniblockValues = (int) (blockValues / miniblocks);
    out[outOffset] = int32 ? (int) value : value;
    int done = 1;
    int[] widths = new int[(int) miniblocks];
    long[] unpacked = new long[miniblockValues];
    while (done < count) {
      long minDelta = zigZagVarint(data, position, end);
      check(position[0] + miniblocks <= end, "delta bit widths run past the page");
      for (int miniblock = 0; miniblock < miniblocks; miniblock++) {
        widths[miniblock] = data[position[0]++] & 0xFF;
        check(widths[miniblock] <= (int32 ? 32 : 64), "delta bit width %d", widths[miniblock]);
      }
      for (int miniblock = 0; miniblock < miniblocks && done < count; miniblock++) {
        int width = widths[miniblock];
        long bytes = (long) miniblockValues * width / 8;
        check(position[0] + bytes <= end, "delta miniblock runs past the page");
        int values = Math.min(miniblockValues, count - done);
        int target = outOffset + done;
        if (width == 0) {
          // Every delta is the block's smallest (a counter's step). There is nothing to unpack, and
          // parquet-mr's packer of width 0 would write nothing: unpacked holds the last miniblock's values.
          for (int index = 0; index < values; index++) {
            value += minDelta;
            if (int32) {
              value = (int) value;
            }
            out[target + index] = value;
          }
          done += values;
          continue;
        }
        BytePackerForLong packer = Packers.forLongs(width);
        int cursor = position[0];
        for (int group = 0; group < values; group += 32, cursor += 4 * width) {
          packer.unpack32Values(data, cursor, unpacked, group);
        }
        for (int index = 0; index < values; index++) {
          value += minDelta + unpacked[index];
          if (int32) {
            value = (int) value;
          }
          out[target + index] = value;
        }
        position[0] += (int) bytes;
        done += values;
      }
    }
    return position[0];
  }
}
