package io.trapscope.formats.parquet;

/** Packs values of a fixed bit width least-significant bit first, as Parquet's bit-packed runs. */
final class BitWriter {
  private final ByteSink sink;
  private long accumulator;
  private int bits;

  BitWriter(ByteSink sink) {
    this.sink = sink;
  }

  /** Appends the low {@code width} bits of {@code value}; width is 0 to 64. */
  void write(long value, int width) {
    if (width > 56) {
      write(value & 0xFFFF_FFFFL, 32);
      write(value >>> 32, width - 32);
      return;
    }
    if (width == 0) {
      return;
    }
    long masked = width == 64 ? value : value & ((1L << width) - 1);
    accumulator |= masked << bits;
    bits += width;
    while (bits >= 8) {
      sink.writeByte((int) accumulator);
      accumulator >>>= 8;
      bits -= 8;
    }
  }

  /** Writes out a final partial byte, zero-padded. */
  void flush() {
    if (bits > 0) {
      sink.writeByte((int) accumulator);
      accumulator = 0;
      bits = 0;
    }
  }

  /** Bits needed for {@code value} read as unsigned. */
  static int width(long value) {
    return 64 - Long.numberOfLeadingZeros(value);
  }
}
