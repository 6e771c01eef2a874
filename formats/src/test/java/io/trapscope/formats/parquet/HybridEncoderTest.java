package io.trapscope.formats.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link HybridEncoder}'s output decodes to its input through parquet-mr's reference RLE/bit-packed decoder,
 * and is byte for byte what parquet-mr's encoder writes.
 */
class HybridEncoderTest {
  private static final int[] COUNTS = {0, 1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 503, 504, 505, 1000, 4096, 65_536};

  @ParameterizedTest(name = "bit width {0}")
  @ValueSource(ints = {0, 1, 2, 3, 5, 7, 8, 9, 12, 15, 16, 17, 20, 24, 31, 32})
  void randomRunsDecodeEqual(int bitWidth) throws IOException {
    SplittableRandom random = new SplittableRandom(bitWidth);
    for (int count : COUNTS) {
      for (int trial = 0; trial < 6; trial++) {
        int[] values = runs(count, bitWidth, trial, random);
        assertRoundTrip(values, count, bitWidth, "width " + bitWidth + " count " + count + " trial " + trial);
      }
    }
  }

  @Test
  void runsJustAroundTheRleThresholdAfterOddLiteralsDecodeEqual() throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    for (int literals = 0; literals <= 17; literals++) {
      for (int run = 1; run <= 20; run++) {
        int[] values = new int[literals + run + literals];
        for (int index = 0; index < literals; index++) {
          values[index] = random.nextInt(8);
          values[literals + run + index] = random.nextInt(8);
        }
        for (int index = literals; index < literals + run; index++) {
          values[index] = 5;
        }
        assertRoundTrip(values, values.length, 3, literals + " literals then a run of " + run);
      }
    }
  }

  @ParameterizedTest(name = "bit width {0}")
  @ValueSource(ints = {0, 1, 2, 3, 5, 8, 9, 16, 17, 32})
  void writesTheSameBytesAsParquetMrsEncoder(int bitWidth) throws IOException {
    SplittableRandom random = new SplittableRandom(100 + bitWidth);
    for (int count : COUNTS) {
      for (int trial = 0; trial < 6; trial++) {
        int[] values = runs(count, bitWidth, trial, random);
        ByteSink sink = new ByteSink(16);
        HybridEncoder.encode(java.util.Arrays.stream(values).asLongStream().toArray(), count, bitWidth, sink);
        RunLengthBitPackingHybridEncoder reference =
            new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20, HeapByteBufferAllocator.getInstance());
        for (int index = 0; index < count; index++) {
          reference.writeInt(values[index]);
        }
        assertArrayEquals(reference.toBytes().toByteArray(), sink.toByteArray(), "width " + bitWidth + " count " + count + " trial " + trial);
      }
    }
  }

  /** Runs of 1 to 20 values, long literal stretches, or one value throughout, depending on the trial. */
  private static int[] runs(int count, int bitWidth, int trial, SplittableRandom random) {
    int[] values = new int[count];
    long limit = 1L << bitWidth;
    int value = 0;
    int runLeft = 0;
    for (int index = 0; index < count; index++) {
      if (runLeft == 0) {
        runLeft = trial == 0 ? count : trial == 1 ? 1 : 1 + random.nextInt(trial == 2 ? 20 : 9);
        value = (int) (random.nextLong() & (limit - 1));
        if (trial == 3 && random.nextBoolean()) {
          value = (int) (limit - 1);
        }
      }
      runLeft--;
      values[index] = value;
    }
    return values;
  }

  private static void assertRoundTrip(int[] values, int count, int bitWidth, String label) throws IOException {
    ByteSink sink = new ByteSink(16);
    HybridEncoder.encode(java.util.Arrays.stream(values).asLongStream().toArray(), count, bitWidth, sink);
    byte[] bytes = sink.toByteArray();
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    RunLengthBitPackingHybridDecoder decoder = new RunLengthBitPackingHybridDecoder(bitWidth, in);
    for (int index = 0; index < count; index++) {
      int decoded = decoder.readInt();
      if (decoded != values[index]) {
        assertEquals(values[index], decoded, label + ": value " + index);
      }
    }
    assertTrue(in.available() == 0, label + ": " + in.available() + " bytes left over");
  }
}
