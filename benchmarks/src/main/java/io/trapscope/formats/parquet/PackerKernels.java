package io.trapscope.formats.parquet;

import java.util.Arrays;
import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.BytePackerForLong;
import org.apache.parquet.column.values.bitpacking.Packer;

/**
 * The page kernels of {@link DeltaEncoder}, {@link HybridEncoder} and {@link Decoders} with their bit loops
 * replaced by parquet-mr's generated packers ({@link Packer#LITTLE_ENDIAN}), everything else unchanged:
 * the candidates {@link PageKernelBenchmark} weighs against the hand-written loops. Same bytes, same values.
 */
final class PackerKernels {
  /** Bit widths 0 to 64, each with its generated packer. */
  private static final BytePackerForLong[] LONG_PACKERS = new BytePackerForLong[65];

  private static final BytePacker[] INT_PACKERS = new BytePacker[33];

  static {
    for (int width = 0; width <= 64; width++) {
      LONG_PACKERS[width] = Packer.LITTLE_ENDIAN.newBytePackerForLong(width);
    }
    for (int width = 0; width <= 32; width++) {
      INT_PACKERS[width] = Packer.LITTLE_ENDIAN.newBytePacker(width);
    }
  }

  private PackerKernels() {}

  /** {@link DeltaEncoder#encode}, each miniblock packed by one {@code pack32Values}. */
  static void deltaEncode(long[] values, int count, boolean int32, ByteSink out, long[] deltas) {
    int blockValues = DeltaEncoder.BLOCK_VALUES;
    int miniblocks = DeltaEncoder.MINIBLOCKS;
    int miniblockValues = DeltaEncoder.MINIBLOCK_VALUES;
    out.writeUnsignedVarint(blockValues);
    out.writeUnsignedVarint(miniblocks);
    out.writeUnsignedVarint(count);
    out.writeZigZagVarint(count == 0 ? 0 : values[0]);
    int[] widths = new int[miniblocks];
    for (int blockStart = 1; blockStart < count; blockStart += blockValues) {
      int blockCount = Math.min(blockValues, count - blockStart);
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
      // The last block's padding is packed as zeros.
      Arrays.fill(deltas, blockCount, blockValues, 0);
      for (int miniblock = 0; miniblock < miniblocks; miniblock++) {
        int start = miniblock * miniblockValues;
        long union = 0;
        for (int index = start; index < start + miniblockValues; index++) {
          union |= deltas[index];
        }
        widths[miniblock] = start < blockCount ? BitWriter.width(union) : 0;
        out.writeByte(widths[miniblock]);
      }
      for (int miniblock = 0; miniblock < miniblocks; miniblock++) {
        int start = miniblock * miniblockValues;
        if (start >= blockCount) {
          break;
        }
        int width = widths[miniblock];
        int position = out.reserve(miniblockValues * width / 8);
        LONG_PACKERS[width].pack32Values(deltas, start, out.array(), position);
      }
    }
  }

  /** {@link HybridEncoder#encode}, literal groups packed by {@code pack8Values}. */
  static void hybridEncode(long[] values, int count, int bitWidth, ByteSink out, long[] padding) {
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
      writeLiterals(values, literalStart, literalCount, count, bitWidth, out, padding);
      literalCount = 0;
      out.writeUnsignedVarint((long) run << 1);
      int bytes = (bitWidth + 7) / 8;
      for (int index = 0; index < bytes; index++) {
        out.writeByte((int) (value >>> (8 * index)));
      }
      position += run;
    }
    writeLiterals(values, literalStart, literalCount, count, bitWidth, out, padding);
  }

  private static void writeLiterals(long[] values, int start, int literals, int count, int bitWidth, ByteSink out, long[] padding) {
    BytePackerForLong packer = LONG_PACKERS[bitWidth];
    int written = 0;
    while (written < literals) {
      int groups = Math.min(63, (literals - written + 7) / 8);
      out.writeUnsignedVarint(((long) groups << 1) | 1);
      for (int group = 0; group < groups; group++) {
        int from = start + written + group * 8;
        int position = out.reserve(bitWidth);
        if (from + 8 <= count) {
          packer.pack8Values(values, from, out.array(), position);
        } else {
          Arrays.fill(padding, 0, 8, 0);
          System.arraycopy(values, from, padding, 0, Math.max(0, count - from));
          packer.pack8Values(padding, 0, out.array(), position);
        }
      }
      written += groups * 8;
    }
  }

  /** {@link Decoders#hybrid}, bit-packed runs unpacked by {@code unpack32Values} and {@code unpack8Values}. */
  static int hybrid(byte[] data, int offset, int end, int bitWidth, int[] out, int count, int[] padding) {
    Decoders.check(bitWidth >= 0 && bitWidth <= 32, "bit width %d out of range", bitWidth);
    Decoders.check(offset >= 0 && end <= data.length && offset <= end, "bad page bounds");
    BytePacker packer = INT_PACKERS[bitWidth];
    int[] position = {offset};
    int done = 0;
    int valueBytes = (bitWidth + 7) / 8;
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
        Arrays.fill(out, done, done + (int) run, value);
        done += (int) run;
      } else {
        long groups = header >>> 1;
        Decoders.check(groups > 0 && (bitWidth == 0 || groups <= (end - position[0]) / bitWidth), "bit-packed run of %d groups runs past the page", groups);
        int values = (int) Math.min(Math.min(groups, Integer.MAX_VALUE / 8) * 8, count - done);
        int cursor = position[0];
        int index = 0;
        for (; index + 32 <= values; index += 32, cursor += 4 * bitWidth) {
          packer.unpack32Values(data, cursor, out, done + index);
        }
        for (; index + 8 <= values; index += 8, cursor += bitWidth) {
          packer.unpack8Values(data, cursor, out, done + index);
        }
        if (index < values) {
          packer.unpack8Values(data, cursor, padding, 0);
          System.arraycopy(padding, 0, out, done + index, values - index);
        }
        position[0] += (int) (groups * bitWidth);
        done += values;
      }
    }
    return position[0];
  }

  /** {@link Decoders#delta}, miniblocks unpacked by {@code unpack32Values}. */
  static int delta(byte[] data, int offset, int end, long[] out, int outOffset, int count, boolean int32, long[] scratch) {
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
        BytePackerForLong packer = LONG_PACKERS[width];
        int cursor = position[0];
        for (int group = 0; group < values; group += 32, cursor += 4 * width) {
          packer.unpack32Values(data, cursor, scratch, group);
        }
        int target = outOffset + done;
        for (int index = 0; index < values; index++) {
          value += minDelta + scratch[index];
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
