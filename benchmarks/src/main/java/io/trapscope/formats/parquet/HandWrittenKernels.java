package io.trapscope.formats.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The kernels as they were before they took parquet-mr's generated packers (commit b31b678), kept as
 * {@link PageKernelBenchmark}'s baseline: hand-written bit loops in the page loops of today, except hybrid
 * encoding, whose page loop then scanned for runs before packing (it cuts the same runs as today's
 * single-pass loop, so writes the same bytes).
 */
final class HandWrittenKernels {
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private HandWrittenKernels() {}

  /** DELTA_BINARY_PACKED encoding, as {@link DeltaEncoder#encode}. */
  static void deltaEncode(long[] values, int count, boolean int32, ByteSink out, long[] deltas) {
    out.writeUnsignedVarint(DeltaEncoder.BLOCK_VALUES);
    out.writeUnsignedVarint(DeltaEncoder.MINIBLOCKS);
    out.writeUnsignedVarint(count);
    out.writeZigZagVarint(count == 0 ? 0 : values[0]);
    int[] widths = new int[DeltaEncoder.MINIBLOCKS];
    for (int blockStart = 1; blockStart < count; blockStart += DeltaEncoder.BLOCK_VALUES) {
      int blockCount = Math.min(DeltaEncoder.BLOCK_VALUES, count - blockStart);
      long minDelta = Long.MAX_VALUE;
      for (int index = 0; index < blockCount; index++) {
        int position = blockStart + index;
        long delta = values[position] - values[position - 1];
        if (int32) {
          delta = (int) delta;
        }
        deltas[index] = delta;
        minDelta = Math.min(minDelta, delta);
      }
      out.writeZigZagVarint(minDelta);
      for (int index = 0; index < blockCount; index++) {
        long relative = deltas[index] - minDelta;
        deltas[index] = int32 ? relative & 0xFFFF_FFFFL : relative;
      }
      for (int miniblock = 0; miniblock < DeltaEncoder.MINIBLOCKS; miniblock++) {
        int start = miniblock * DeltaEncoder.MINIBLOCK_VALUES;
        int end = Math.min(blockCount, start + DeltaEncoder.MINIBLOCK_VALUES);
        long union = 0;
        for (int index = start; index < end; index++) {
          union |= deltas[index];
        }
        widths[miniblock] = start < blockCount ? Packers.width(union) : 0;
        out.writeByte(widths[miniblock]);
      }
      for (int miniblock = 0; miniblock < DeltaEncoder.MINIBLOCKS; miniblock++) {
        int start = miniblock * DeltaEncoder.MINIBLOCK_VALUES;
        if (start >= blockCount) {
          break;
        }
        pack(out, deltas, start, blockCount - start, DeltaEncoder.MINIBLOCK_VALUES, widths[miniblock]);
      }
    }
  }

  /** The RLE / bit-packed hybrid, as {@link HybridEncoder#encode}. */
  static void hybridEncode(long[] values, int count, int bitWidth, ByteSink out) {
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

  private static void writeLiterals(long[] values, int start, int count, int bitWidth, ByteSink out) {
    int written = 0;
    while (written < count) {
      int groups = Math.min(63, (count - written + 7) / 8);
      out.writeUnsignedVarint(((long) groups << 1) | 1);
      pack(out, values, start + written, count - written, groups * 8, bitWidth);
      written += groups * 8;
    }
  }

  private static void writeRleValue(long value, int bitWidth, ByteSink out) {
    int bytes = (bitWidth + 7) / 8;
    for (int index = 0; index < bytes; index++) {
      out.writeByte((int) (value >>> (8 * index)));
    }
  }

  /** The old {@code ByteSink.pack}: an accumulator flushed 32 bits at a time; widths past 32 bit by bit. */
  private static void pack(ByteSink out, long[] values, int start, int available, int total, int width) {
    int bytes = (int) (((long) total * width + 7) / 8);
    int position = out.reserve(bytes);
    byte[] array = out.array();
    if (width > 32) {
      long accumulator = 0;
      int bits = 0;
      for (int index = 0; index < total; index++) {
        long value = index < available ? values[start + index] : 0;
        for (int bit = 0; bit < width; bit++) {
          accumulator |= ((value >>> bit) & 1) << bits;
          if (++bits == 8) {
            array[position++] = (byte) accumulator;
            accumulator = 0;
            bits = 0;
          }
        }
      }
      return;
    }
    long mask = (1L << width) - 1;
    long accumulator = 0;
    int bits = 0;
    for (int index = 0; index < total; index++) {
      long value = index < available ? values[start + index] & mask : 0;
      accumulator |= value << bits;
      bits += width;
      if (bits >= 32) {
        INTS.set(array, position, (int) accumulator);
        position += 4;
        accumulator >>>= 32;
        bits -= 32;
      }
    }
    for (; bits > 0; bits -= 8) {
      array[position++] = (byte) accumulator;
      accumulator >>>= 8;
    }
  }

  /** The RLE / bit-packed hybrid decoding, as {@link Decoders#hybrid}. */
  static int hybridDecode(byte[] data, int offset, int end, int bitWidth, int[] out, int count) {
    Decoders.check(bitWidth >= 0 && bitWidth <= 32, "bit width %d out of range", bitWidth);
    Decoders.check(offset >= 0 && end <= data.length && offset <= end, "bad page bounds");
    int[] position = {offset};
    int done = 0;
    int valueBytes = (bitWidth + 7) / 8;
    long mask = bitWidth == 32 ? 0xFFFF_FFFFL : (1L << bitWidth) - 1;
    while (done < count) {
      long header = Decoders.unsignedVarint(data, position, end);
      if ((header & 1) == 0) {
        long run = header >>> 1;
        Decoders.check(run > 0 && run <= count - done, "RLE run of %d values where %d remain", run, count - done);
        Decoders.check(position[0] + valueBytes <= end, "RLE value runs past the page");
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
        Decoders.check(groups > 0 && (bitWidth == 0 || groups <= (end - position[0]) / bitWidth), "bit-packed run of %d groups runs past the page", groups);
        long bytes = groups * bitWidth;
        int values = (int) Math.min(Math.min(groups, Integer.MAX_VALUE / 8) * 8, count - done);
        long accumulator = 0;
        int bits = 0;
        int cursor = position[0];
        for (int index = 0; index < values; index++) {
          while (bits < bitWidth) {
            accumulator |= (long) (data[cursor++] & 0xFF) << bits;
            bits += 8;
          }
          out[done + index] = (int) (accumulator & mask);
          accumulator >>>= bitWidth;
          bits -= bitWidth;
        }
        position[0] += (int) bytes;
        done += values;
      }
    }
    return position[0];
  }

  /** Reads bit-packed values least-significant bit first; the caller has checked the bytes exist. */
  private static final class BitReader {
    private final byte[] data;
    private int cursor;
    private long accumulator;
    private int bits;

    BitReader(byte[] data, int offset) {
      this.data = data;
      this.cursor = offset;
    }

    long read(int width) {
      if (width > 32) {
        long low = read(32);
        return low | (read(width - 32) << 32);
      }
      while (bits < width) {
        accumulator |= (long) (data[cursor++] & 0xFF) << bits;
        bits += 8;
      }
      long value = accumulator & ((1L << width) - 1);
      accumulator >>>= width;
      bits -= width;
      return value;
    }
  }

  /** DELTA_BINARY_PACKED decoding, as {@link Decoders#delta}. */
  static int deltaDecode(byte[] data, int offset, int end, long[] out, int outOffset, int count, boolean int32) {
    Decoders.check(offset >= 0 && end <= data.length && offset <= end, "bad page bounds");
    int[] position = {offset};
    long blockValues = Decoders.unsignedVarint(data, position, end);
    long miniblocks = Decoders.unsignedVarint(data, position, end);
    long total = Decoders.unsignedVarint(data, position, end);
    long value = Decoders.zigZagVarint(data, position, end);
    Decoders.check(blockValues > 0 && blockValues % 128 == 0 && blockValues <= 1 << 16, "delta block of %d values", blockValues);
    Decoders.check(miniblocks > 0 && blockValues % miniblocks == 0 && (blockValues / miniblocks) % 32 == 0, "delta block of %d miniblocks", miniblocks);
    Decoders.check(total == count, "delta page holds %d values, expected %d", total, count);
    if (count == 0) {
      return position[0];
    }
    int miniblockValues = (int) (blockValues / miniblocks);
    out[outOffset] = int32 ? (int) value : value;
    int done = 1;
    int[] widths = new int[(int) miniblocks];
    while (done < count) {
      long minDelta = Decoders.zigZagVarint(data, position, end);
      Decoders.check(position[0] + miniblocks <= end, "delta bit widths run past the page");
      for (int miniblock = 0; miniblock < miniblocks; miniblock++) {
        widths[miniblock] = data[position[0]++] & 0xFF;
        Decoders.check(widths[miniblock] <= (int32 ? 32 : 64), "delta bit width %d", widths[miniblock]);
      }
      for (int miniblock = 0; miniblock < miniblocks && done < count; miniblock++) {
        int width = widths[miniblock];
        long bytes = (long) miniblockValues * width / 8;
        Decoders.check(position[0] + bytes <= end, "delta miniblock runs past the page");
        int values = Math.min(miniblockValues, count - done);
        BitReader bits = new BitReader(data, position[0]);
        for (int index = 0; index < values; index++) {
          value += minDelta + bits.read(width);
          if (int32) {
            value = (int) value;
          }
          out[outOffset + done + index] = value;
        }
        position[0] += (int) bytes;
        done += values;
      }
    }
    return position[0];
  }
}
