package io.trapscope.formats.parquet;

/**
 * Parquet's DELTA_BINARY_PACKED encoding: blocks of 128 deltas in four miniblocks of 32, each bit-packed
 * relative to the block's smallest delta. For INT32 columns deltas wrap at 32 bits, as readers decode them.
 */
final class DeltaEncoder {
  static final int BLOCK_VALUES = 128;
  static final int MINIBLOCKS = 4;
  static final int MINIBLOCK_VALUES = BLOCK_VALUES / MINIBLOCKS;

  private DeltaEncoder() {}

  /** Appends the encoding of {@code values[0, count)}. */
  static void encode(long[] values, int count, boolean int32, ByteSink out, long[] deltas) {
    out.writeUnsignedVarint(BLOCK_VALUES);
    out.writeUnsignedVarint(MINIBLOCKS);
    out.writeUnsignedVarint(count);
    out.writeZigZagVarint(count == 0 ? 0 : values[0]);
    int[] widths = new int[MINIBLOCKS];
    for (int blockStart = 1; blockStart < count; blockStart += BLOCK_VALUES) {
      int blockCount = Math.min(BLOCK_VALUES, count - blockStart);
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
      for (int miniblock = 0; miniblock < MINIBLOCKS; miniblock++) {
        int start = miniblock * MINIBLOCK_VALUES;
        int end = Math.min(blockCount, start + MINIBLOCK_VALUES);
        long union = 0;
        for (int index = start; index < end; index++) {
          union |= deltas[index];
        }
        widths[miniblock] = start < blockCount ? BitWriter.width(union) : 0;
        out.writeByte(widths[miniblock]);
      }
      for (int miniblock = 0; miniblock < MINIBLOCKS; miniblock++) {
        int start = miniblock * MINIBLOCK_VALUES;
        if (start >= blockCount) {
          break;
        }
        out.pack(deltas, start, blockCount - start, MINIBLOCK_VALUES, widths[miniblock]);
      }
    }
  }
}
