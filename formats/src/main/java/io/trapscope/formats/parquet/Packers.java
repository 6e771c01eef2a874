package io.trapscope.formats.parquet;

import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.BytePackerForLong;
import org.apache.parquet.column.values.bitpacking.Packer;

/**
 * parquet-mr's generated bit packers, little-endian as Parquet's bit-packed runs and miniblocks are, one
 * per bit width and made once: they hold no state, so every thread shares them. Unrolled per width, they
 * unpack 1.4 to 5.5 times faster than our bit loops did, and pack as fast or up to twice as fast
 * (docs/PERFORMANCE.md, 2026-12-04).
 */
final class Packers {
  /** Widest value of a DELTA_BINARY_PACKED INT64 miniblock. */
  static final int LONG_BIT_WIDTH_MAX = 64;

  /** Widest value of an RLE / bit-packed hybrid run: Parquet's levels and dictionary ids are 32-bit. */
  static final int INT_BIT_WIDTH_MAX = 32;

  private static final BytePackerForLong[] FOR_LONGS = new BytePackerForLong[LONG_BIT_WIDTH_MAX + 1];
  private static final BytePacker[] FOR_INTS = new BytePacker[INT_BIT_WIDTH_MAX + 1];

  static {
    for (int width = 0; width <= LONG_BIT_WIDTH_MAX; width++) {
      FOR_LONGS[width] = Packer.LITTLE_ENDIAN.newBytePackerForLong(width);
    }
    for (int width = 0; width <= INT_BIT_WIDTH_MAX; width++) {
      FOR_INTS[width] = Packer.LITTLE_ENDIAN.newBytePacker(width);
    }
  }

  private Packers() {}

  /** Packs and unpacks longs of {@code bitWidth} bits, 0 to 64. */
  static BytePackerForLong forLongs(int bitWidth) {
    return FOR_LONGS[bitWidth];
  }

  /** Packs and unpacks ints of {@code bitWidth} bits, 0 to 32. */
  static BytePacker forInts(int bitWidth) {
    return FOR_INTS[bitWidth];
  }

  /** Bits needed for {@code value} read as unsigned. */
  static int width(long value) {
    return 64 - Long.numberOfLeadingZeros(value);
  }
}
