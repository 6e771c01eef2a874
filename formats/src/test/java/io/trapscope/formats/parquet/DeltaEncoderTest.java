package io.trapscope.formats.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link DeltaEncoder}'s output decodes to its input through parquet-mr's reference DELTA_BINARY_PACKED reader. */
class DeltaEncoderTest {
  private static final int[] COUNTS = {0, 1, 2, 31, 32, 33, 97, 127, 128, 129, 130, 256, 257, 1000, 65_536};

  enum Values {
    CONSTANT,
    ASCENDING,
    DESCENDING,
    EXTREMES,
    UNIFORM,
    JUMPS_OF_EVERY_WIDTH,
    ONE_WIDE_DELTA_PER_MINIBLOCK
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Values.class)
  void int64DecodesEqual(Values shape) throws IOException {
    SplittableRandom random = new SplittableRandom(shape.ordinal());
    for (int count : COUNTS) {
      for (int trial = 0; trial < 4; trial++) {
        long[] values = values(shape, count, false, random);
        assertRoundTrip(values, count, false, shape + " count " + count + " trial " + trial);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Values.class)
  void int32DecodesEqualWithDeltasWrappingAt32Bits(Values shape) throws IOException {
    SplittableRandom random = new SplittableRandom(100 + shape.ordinal());
    for (int count : COUNTS) {
      for (int trial = 0; trial < 4; trial++) {
        long[] values = values(shape, count, true, random);
        assertRoundTrip(values, count, true, shape + " count " + count + " trial " + trial);
      }
    }
  }

  private static long[] values(Values shape, int count, boolean int32, SplittableRandom random) {
    long[] extremes =
        int32
            ? new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1, Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1}
            : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1};
    long[] values = new long[count];
    long value = int32 ? random.nextInt() : random.nextLong();
    for (int index = 0; index < count; index++) {
      switch (shape) {
        case CONSTANT:
          break;
        case ASCENDING:
          value += random.nextInt(5);
          break;
        case DESCENDING:
          value -= random.nextInt(1 << random.nextInt(31));
          break;
        case EXTREMES:
          value = extremes[random.nextInt(extremes.length)];
          break;
        case UNIFORM:
          value = random.nextLong();
          break;
        case JUMPS_OF_EVERY_WIDTH:
          value += random.nextLong() >>> random.nextInt(64);
          break;
        case ONE_WIDE_DELTA_PER_MINIBLOCK:
          value += index % 32 == 7 ? Long.MIN_VALUE >>> random.nextInt(2) : 1;
          break;
        default:
          throw new IllegalStateException(shape.toString());
      }
      values[index] = int32 ? (int) value : value;
    }
    return values;
  }

  private static void assertRoundTrip(long[] values, int count, boolean int32, String label) throws IOException {
    ByteSink sink = new ByteSink(16);
    DeltaEncoder.encode(values, count, int32, sink, new long[DeltaEncoder.BLOCK_VALUES]);
    byte[] bytes = sink.toByteArray();
    DeltaBinaryPackingValuesReader reader = new DeltaBinaryPackingValuesReader();
    ByteBufferInputStream in = ByteBufferInputStream.wrap(ByteBuffer.wrap(bytes));
    reader.initFromPage(count, in);
    for (int index = 0; index < count; index++) {
      long decoded = int32 ? reader.readInteger() : reader.readLong();
      if (decoded != values[index]) {
        assertEquals(values[index], decoded, label + ": value " + index);
      }
    }
    assertEquals(0, in.available(), label + ": bytes the reader left over");
    if (int32) {
      assertDeltasFit32Bits(bytes, count, label);
    }
  }

  /**
   * Readers that decode INT32 pages in 32-bit arithmetic (Arrow C++, DuckDB) need every block's min delta
   * and every miniblock's bit width to fit 32 bits; parquet-mr decodes in 64 bits and would not notice.
   */
  private static void assertDeltasFit32Bits(byte[] bytes, int count, String label) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int blockValues = (int) varint(in);
    int miniblocks = (int) varint(in);
    assertEquals(count, varint(in), label + ": header count");
    varint(in);
    int perMiniblock = blockValues / miniblocks;
    for (int left = count - 1; left > 0; left -= blockValues) {
      long zigzag = varint(in);
      long minDelta = (zigzag >>> 1) ^ -(zigzag & 1);
      assertEquals((int) minDelta, minDelta, label + ": min delta outside INT32");
      int[] widths = new int[miniblocks];
      for (int miniblock = 0; miniblock < miniblocks; miniblock++) {
        widths[miniblock] = in.get() & 0xFF;
      }
      for (int miniblock = 0; miniblock < miniblocks && miniblock * perMiniblock < Math.min(left, blockValues); miniblock++) {
        if (widths[miniblock] > 32) {
          assertEquals(32, widths[miniblock], label + ": miniblock bit width");
        }
        in.position(in.position() + perMiniblock * widths[miniblock] / 8);
      }
    }
    assertEquals(bytes.length, in.position(), label + ": trailing bytes");
  }

  private static long varint(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      int b = in.get() & 0xFF;
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
  }
}
