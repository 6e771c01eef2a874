package io.trapscope.formats.parquet;

import io.trapscope.model.scenario.ScenarioCodec;
import io.trapscope.formats.ColumnBatch;
import io.trapscope.formats.Table;
import io.trapscope.formats.TableReader;
import io.trapscope.formats.TraceReader;
import io.trapscope.recorder.ProgressListener;
import io.trapscope.recorder.RecordOptions;
import io.trapscope.recorder.Recorder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesReader;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One page (64 Ki rows) of a recorded trace's columns through each page kernel three ways: the kernels
 * with trapscope's former hand-written bit loops ({@link HandWrittenKernels}), the kernels in use, whose
 * page loops pack with parquet-mr's generated bit packers ("Packers"), and parquet-mr's own value writers
 * and readers, one call per value. Results are pages per second; multiply by 65,536 for values.
 *
 * <p>It lives in the formats package, in this module, because the kernels are package-private there.
 * Setup checks that every contender decodes to the same values and says where the bytes differ.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class PageKernelBenchmark {
  /** Events per page, as the writer makes them: the page of fpu-memcmp (the seed's case, on 4 vCPUs) recorded. */
  static final int ROWS = ParquetTableWriter.PAGE_ROWS;

  /** The columns of one page of events, recorded once per JVM. */
  static final class Page {
    static final long[] SEQ = new long[ROWS];
    static final long[] TICK = new long[ROWS];
    static final long[] KIND = new long[ROWS];
    static final long[] VCPU = new long[ROWS];
    static final long[] TS = new long[ROWS];

    static {
      try {
        record();
      } catch (IOException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private static void record() throws IOException {
      Path directory = Files.createTempDirectory("trapscope-kernels");
      try {
        Path trace = directory.resolve("trace");
        Recorder.record(
            ScenarioCodec.parse(
                "{\"seed\": 40, \"machine\": {\"vcpus\": 4}, \"workload\": {\"name\": \"fpu-memcmp\", \"loops\": 4, \"processes\": 2000}}", "benchmark", List.of(), null),
            trace,
            RecordOptions.defaults(),
            ProgressListener.NONE);
        int rows = 0;
        try (TableReader reader = TraceReader.open(trace).openTable(Table.EVENTS)) {
          ColumnBatch batch = ColumnBatch.create(Table.EVENTS, ROWS);
          while (rows < ROWS && reader.next(batch)) {
            int take = Math.min(batch.size(), ROWS - rows);
            System.arraycopy(batch.column(Table.Events.SEQ), 0, SEQ, rows, take);
            System.arraycopy(batch.column(Table.Events.TICK), 0, TICK, rows, take);
            // String codes count from 0 in order of first appearance, as the writer's dictionary ids do.
            System.arraycopy(batch.column(Table.Events.KIND), 0, KIND, rows, take);
            System.arraycopy(batch.column(Table.Events.VCPU), 0, VCPU, rows, take);
            System.arraycopy(batch.column(Table.Events.TS), 0, TS, rows, take);
            rows += take;
          }
        }
        if (rows < ROWS) {
          throw new IllegalStateException("the recording has " + rows + " events, fewer than a page");
        }
      } finally {
        try (Stream<Path> files = Files.walk(directory)) {
          for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(file);
          }
        }
      }
    }

    private Page() {}
  }

  /** A counter column of the page, and its DELTA_BINARY_PACKED encoding. */
  @State(Scope.Thread)
  public static class DeltaPage {
    @Param({"seq", "tick"})
    public String column;

    long[] values;
    byte[] encoded;
    final long[] decoded = new long[ROWS];
    final long[] deltas = new long[DeltaEncoder.BLOCK_VALUES];
    final ByteSink sink = new ByteSink(ROWS * 9);
    DeltaBinaryPackingValuesWriterForLong parquetWriter;

    @Setup
    public void setUp() throws IOException {
      values = column.equals("seq") ? Page.SEQ : Page.TICK;
      parquetWriter = new DeltaBinaryPackingValuesWriterForLong(
          DeltaEncoder.BLOCK_VALUES, DeltaEncoder.MINIBLOCKS, 64 << 10, 1 << 20, HeapByteBufferAllocator.getInstance());
      sink.clear();
      DeltaEncoder.encode(values, ROWS, false, sink, deltas);
      encoded = sink.toByteArray();
      sink.clear();
      HandWrittenKernels.deltaEncode(values, ROWS, false, sink, deltas);
      require(Arrays.equals(encoded, sink.toByteArray()), "hand-written delta encoding differs");
      byte[] parquet = parquetMrEncode(this);
      report("delta " + column, encoded, parquet);
      HandWrittenKernels.deltaDecode(encoded, 0, encoded.length, decoded, 0, ROWS, false);
      require(Arrays.equals(values, decoded), "hand-written delta decoding");
      Arrays.fill(decoded, -1);
      Decoders.delta(parquet, 0, parquet.length, decoded, 0, ROWS, false);
      require(Arrays.equals(values, decoded), "packer delta decoding of parquet-mr's bytes");
      parquetMrDecode(this);
      require(Arrays.equals(values, decoded), "parquet-mr delta decoding");
    }
  }

  /** A small-category column of the page as dictionary ids (or booleans), and its hybrid encoding. */
  @State(Scope.Thread)
  public static class HybridPage {
    @Param({"kind", "vcpu", "ts"})
    public String column;

    long[] values;
    int[] expected;
    int bitWidth;
    byte[] encoded;
    final int[] decoded = new int[ROWS];
    final ByteSink sink = new ByteSink(ROWS * 5);
    RunLengthBitPackingHybridEncoder parquetEncoder;

    @Setup
    public void setUp() throws IOException {
      values = column.equals("kind") ? Page.KIND : column.equals("vcpu") ? Page.VCPU : Page.TS;
      expected = Arrays.stream(values).mapToInt(value -> (int) value).toArray();
      bitWidth = Packers.width(Arrays.stream(values).max().getAsLong());
      parquetEncoder = new RunLengthBitPackingHybridEncoder(bitWidth, 64 << 10, 1 << 20, HeapByteBufferAllocator.getInstance());
      sink.clear();
      HybridEncoder.encode(values, ROWS, bitWidth, sink);
      encoded = sink.toByteArray();
      sink.clear();
      HandWrittenKernels.hybridEncode(values, ROWS, bitWidth, sink);
      require(Arrays.equals(encoded, sink.toByteArray()), "hand-written hybrid encoding differs");
      byte[] parquet = parquetMrEncode(this);
      report("hybrid " + column + " (bit width " + bitWidth + ")", encoded, parquet);
      require(Arrays.equals(encoded, parquet), "hybrid encodings differ from parquet-mr's");
      HandWrittenKernels.hybridDecode(encoded, 0, encoded.length, bitWidth, decoded, ROWS);
      require(Arrays.equals(expected, decoded), "hand-written hybrid decoding");
      Arrays.fill(decoded, -1);
      Decoders.hybrid(encoded, 0, encoded.length, bitWidth, decoded, ROWS);
      require(Arrays.equals(expected, decoded), "packer hybrid decoding");
      parquetMrDecode(this);
      require(Arrays.equals(expected, decoded), "parquet-mr hybrid decoding");
    }
  }

  @Benchmark
  public int deltaEncodeHandWritten(DeltaPage page) {
    page.sink.clear();
    HandWrittenKernels.deltaEncode(page.values, ROWS, false, page.sink, page.deltas);
    return page.sink.size();
  }

  @Benchmark
  public int deltaEncodePackers(DeltaPage page) {
    page.sink.clear();
    DeltaEncoder.encode(page.values, ROWS, false, page.sink, page.deltas);
    return page.sink.size();
  }

  @Benchmark
  public byte[] deltaEncodeParquetMr(DeltaPage page) throws IOException {
    return parquetMrEncode(page);
  }

  @Benchmark
  public long[] deltaDecodeHandWritten(DeltaPage page) {
    HandWrittenKernels.deltaDecode(page.encoded, 0, page.encoded.length, page.decoded, 0, ROWS, false);
    return page.decoded;
  }

  @Benchmark
  public long[] deltaDecodePackers(DeltaPage page) {
    Decoders.delta(page.encoded, 0, page.encoded.length, page.decoded, 0, ROWS, false);
    return page.decoded;
  }

  @Benchmark
  public long[] deltaDecodeParquetMr(DeltaPage page) throws IOException {
    return parquetMrDecode(page);
  }

  @Benchmark
  public int hybridEncodeHandWritten(HybridPage page) {
    page.sink.clear();
    HandWrittenKernels.hybridEncode(page.values, ROWS, page.bitWidth, page.sink);
    return page.sink.size();
  }

  @Benchmark
  public int hybridEncodePackers(HybridPage page) {
    page.sink.clear();
    HybridEncoder.encode(page.values, ROWS, page.bitWidth, page.sink);
    return page.sink.size();
  }

  @Benchmark
  public byte[] hybridEncodeParquetMr(HybridPage page) throws IOException {
    return parquetMrEncode(page);
  }

  @Benchmark
  public int[] hybridDecodeHandWritten(HybridPage page) {
    HandWrittenKernels.hybridDecode(page.encoded, 0, page.encoded.length, page.bitWidth, page.decoded, ROWS);
    return page.decoded;
  }

  @Benchmark
  public int[] hybridDecodePackers(HybridPage page) {
    Decoders.hybrid(page.encoded, 0, page.encoded.length, page.bitWidth, page.decoded, ROWS);
    return page.decoded;
  }

  @Benchmark
  public int[] hybridDecodeParquetMr(HybridPage page) throws IOException {
    return parquetMrDecode(page);
  }

  /** parquet-mr's writer, down to the page's bytes, which a page writer needs in one array to compress. */
  static byte[] parquetMrEncode(DeltaPage page) throws IOException {
    DeltaBinaryPackingValuesWriterForLong writer = page.parquetWriter;
    writer.reset();
    for (long value : page.values) {
      writer.writeLong(value);
    }
    return writer.getBytes().toByteArray();
  }

  static long[] parquetMrDecode(DeltaPage page) throws IOException {
    // One reader per page, as parquet-mr's column reader does: a reused one overruns its buffer.
    DeltaBinaryPackingValuesReader reader = new DeltaBinaryPackingValuesReader();
    reader.initFromPage(ROWS, ByteBufferInputStream.wrap(ByteBuffer.wrap(page.encoded)));
    long[] decoded = page.decoded;
    for (int index = 0; index < ROWS; index++) {
      decoded[index] = reader.readLong();
    }
    return decoded;
  }

  static byte[] parquetMrEncode(HybridPage page) throws IOException {
    RunLengthBitPackingHybridEncoder encoder = page.parquetEncoder;
    encoder.reset();
    for (long value : page.values) {
      encoder.writeInt((int) value);
    }
    return encoder.toBytes().toByteArray();
  }

  static int[] parquetMrDecode(HybridPage page) throws IOException {
    RunLengthBitPackingHybridDecoder decoder = new RunLengthBitPackingHybridDecoder(page.bitWidth, new ByteArrayInputStream(page.encoded));
    int[] decoded = page.decoded;
    for (int index = 0; index < ROWS; index++) {
      decoded[index] = decoder.readInt();
    }
    return decoded;
  }

  private static void require(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException(what);
    }
  }

  private static void report(String kernel, byte[] ours, byte[] parquetMr) {
    int first = Arrays.mismatch(ours, parquetMr);
    System.out.println(
        "# " + kernel + ": ours " + ours.length + " bytes, parquet-mr " + parquetMr.length + " bytes, "
            + (first < 0 ? "identical" : "first difference at byte " + first));
  }
}
