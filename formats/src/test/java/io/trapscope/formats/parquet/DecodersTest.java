package io.trapscope.formats.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForInteger;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Decoders} reads what parquet-mr's own writers write, whatever the output array held before: the
 * generated unpacker of width 0 writes nothing, so a miniblock or run of width 0 must not show old values.
 */
class DecodersTest {
  @Test
  void deltaMiniblocksOfWidthZeroAfterWiderOnesDecodeTheirOwnValues() throws IOException {
    for (int blockSize : new int[] {128, 256, 2048}) {
      for (int miniblocks : new int[] {1, 4, 8}) {
        if ((blockSize / miniblocks) % 32 != 0) {
          continue;
        }
        long[] values = steppedCounter(20_000, new SplittableRandom(blockSize + miniblocks));
        DeltaBinaryPackingValuesWriterForLong writer =
            new DeltaBinaryPackingValuesWriterForLong(blockSize, miniblocks, 1024, 1 << 20, HeapByteBufferAllocator.getInstance());
        for (long value : values) {
          writer.writeLong(value);
        }
        byte[] bytes = writer.getBytes().toByteArray();
        long[] decoded = new long[values.length];
        Arrays.fill(decoded, 0x5555_5555_5555L);
        int end = Decoders.delta(bytes, 0, bytes.length, decoded, 0, values.length, false);
        assertArrayEquals(values, decoded, blockSize + " values in " + miniblocks + " miniblocks");
        assertEquals(bytes.length, end, "bytes consumed");
      }
    }
  }

  @Test
  void deltaInt32WrapsAsParquetMrsIntegerWriterDoes() throws IOException {
    SplittableRandom random = new SplittableRandom(3);
    int[] values = new int[10_000];
    for (int index = 0; index < values.length; index++) {
      values[index] = index % 300 < 150 ? random.nextInt() : index;
    }
    DeltaBinaryPackingValuesWriterForInteger writer =
        new DeltaBinaryPackingValuesWriterForInteger(128, 4, 1024, 1 << 20, HeapByteBufferAllocator.getInstance());
    for (int value : values) {
      writer.writeInteger(value);
    }
    byte[] bytes = writer.getBytes().toByteArray();
    long[] decoded = new long[values.length];
    Arrays.fill(decoded, -7);
    Decoders.delta(bytes, 0, bytes.length, decoded, 0, values.length, true);
    assertArrayEquals(Arrays.stream(values).asLongStream().toArray(), decoded);
  }

  @ParameterizedTest(name = "bit width {0}")
  @ValueSource(ints = {0, 1, 2, 5, 8, 13, 32})
  void hybridRunsDecodeTheirOwnValuesOverAnyOldContents(int bitWidth) throws IOException {
    SplittableRandom random = new SplittableRandom(bitWidth);
    int count = 5_003;
    int[] values = new int[count];
    for (int index = 0; index < count; index++) {
      // Literal stretches and runs, of values up to the width's maximum.
      boolean literal = (index / 100) % 2 == 0;
      values[index] = bitWidth == 0 ? 0 : literal || index == 0 ? (int) (random.nextLong() & ((1L << bitWidth) - 1)) : values[index - 1];
    }
    RunLengthBitPackingHybridEncoder encoder =
        new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20, HeapByteBufferAllocator.getInstance());
    for (int value : values) {
      encoder.writeInt(value);
    }
    byte[] bytes = encoder.toBytes().toByteArray();
    int[] decoded = new int[count];
    Arrays.fill(decoded, 0x2AAA_AAAA);
    int end = Decoders.hybrid(bytes, 0, bytes.length, bitWidth, decoded, count);
    assertArrayEquals(values, decoded);
    assertEquals(bytes.length, end, "bytes consumed");
  }

  @Test
  void aBitPackedRunOfWidthZeroIsZeros() {
    // Two groups of width 0, as another writer may put them: a header and no bytes.
    byte[] bytes = {(2 << 1) | 1};
    int[] decoded = new int[10];
    Arrays.fill(decoded, 9);
    assertEquals(1, Decoders.hybrid(bytes, 0, bytes.length, 0, decoded, 10));
    assertArrayEquals(new int[10], decoded);
  }

  /** A counter that climbs by one for a while (deltas of width 0), then jumps about, then climbs again. */
  private static long[] steppedCounter(int count, SplittableRandom random) {
    long[] values = new long[count];
    for (int index = 1; index < count; index++) {
      values[index] = values[index - 1] + ((index / 700) % 2 == 0 ? 1 : random.nextInt(1 << 20));
    }
    return values;
  }
}
