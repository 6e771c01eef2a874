package io.trapscope.formats.parquet;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * A codec factory over zstd-jni, snappy-java and the JDK's gzip, so that Parquet needs no Hadoop codecs.
 *
 * <p>Decompressors refuse a page whose header claims more than {@link #pageBytesMax} bytes, and one whose
 * data does not decompress to exactly the claimed size: page headers come from untrusted files.
 */
public final class Codecs implements CompressionCodecFactory {
  /** zstd's own default level: the best bytes per event for the time spent, measured on fpu-memcmp. */
  public static final int ZSTD_LEVEL_DEFAULT = 3;

  /** No page we write comes near this; a claim above it is a corrupt or hostile file. */
  public static final int PAGE_BYTES_MAX_DEFAULT = 64 << 20;

  private final int zstdLevel;
  private final int pageBytesMax;

  public Codecs(int zstdLevel, int pageBytesMax) {
    this.zstdLevel = zstdLevel;
    this.pageBytesMax = pageBytesMax;
  }

  public static Codecs defaults() {
    return new Codecs(ZSTD_LEVEL_DEFAULT, PAGE_BYTES_MAX_DEFAULT);
  }

  @Override
  public ArrayCompressor getCompressor(CompressionCodecName codecName) {
    switch (codecName) {
      case ZSTD:
        return new ZstdCompressor(zstdLevel);
      case SNAPPY:
        return new TransformingCompressor(codecName, Snappy::compress);
      case GZIP:
        return new TransformingCompressor(codecName, Codecs::gzip);
      case UNCOMPRESSED:
        return new TransformingCompressor(codecName, input -> input);
      default:
        throw new IllegalArgumentException("codec not supported for writing: " + codecName);
    }
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
    switch (codecName) {
      case ZSTD:
        ZstdDecompressCtx context = new ZstdDecompressCtx();
        return new ArrayDecompressor(codecName, pageBytesMax, (input, size) -> unzstd(context, input, size), context::close);
      case SNAPPY:
        return new ArrayDecompressor(codecName, pageBytesMax, Codecs::unsnappy, () -> {});
      case GZIP:
        return new ArrayDecompressor(codecName, pageBytesMax, Codecs::gunzip, () -> {});
      case UNCOMPRESSED:
        return new ArrayDecompressor(codecName, pageBytesMax, (input, size) -> input, () -> {});
      default:
        throw new UnsupportedCodecException(codecName);
    }
  }

  @Override
  public void release() {}

  /** Raised when a file uses a codec this build cannot read. */
  public static final class UnsupportedCodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedCodecException(CompressionCodecName codecName) {
      super("compression codec " + codecName + " is not supported (supported: ZSTD, SNAPPY, GZIP, UNCOMPRESSED)");
    }
  }

  private interface ArrayTransform {
    byte[] apply(byte[] input) throws IOException;
  }

  private interface SizedArrayTransform {
    byte[] apply(byte[] input, int uncompressedSize) throws IOException;
  }

  /** Compresses a region of an array without copying it first: the writer's hot path. */
  public interface ArrayCompressor extends BytesInputCompressor {
    BytesInput compress(byte[] input, int length) throws IOException;
  }

  private static final class ZstdCompressor implements ArrayCompressor {
    private final ZstdCompressCtx context = new ZstdCompressCtx();
    private byte[] output = new byte[0];

    ZstdCompressor(int level) {
      context.setLevel(level);
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      byte[] input = bytes.toByteArray();
      return compress(input, input.length);
    }

    @Override
    public BytesInput compress(byte[] input, int length) {
      int bound = (int) Zstd.compressBound(length);
      if (output.length < bound) {
        output = new byte[bound];
      }
      int written = context.compressByteArray(output, 0, bound, input, 0, length);
      return BytesInput.from(java.util.Arrays.copyOf(output, written));
    }

    @Override
    public CompressionCodecName getCodecName() {
      return CompressionCodecName.ZSTD;
    }

    @Override
    public void release() {
      context.close();
    }
  }

  private static final class TransformingCompressor implements ArrayCompressor {
    private final CompressionCodecName codecName;
    private final ArrayTransform transform;

    TransformingCompressor(CompressionCodecName codecName, ArrayTransform transform) {
      this.codecName = codecName;
      this.transform = transform;
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      return BytesInput.from(transform.apply(bytes.toByteArray()));
    }

    @Override
    public BytesInput compress(byte[] input, int length) throws IOException {
      return BytesInput.from(transform.apply(java.util.Arrays.copyOf(input, length)));
    }

    @Override
    public CompressionCodecName getCodecName() {
      return codecName;
    }

    @Override
    public void release() {}
  }

  private static final class ArrayDecompressor implements BytesInputDecompressor {
    private final CompressionCodecName codecName;
    private final int pageBytesMax;
    private final SizedArrayTransform transform;
    private final Runnable release;

    ArrayDecompressor(CompressionCodecName codecName, int pageBytesMax, SizedArrayTransform transform, Runnable release) {
      this.codecName = codecName;
      this.pageBytesMax = pageBytesMax;
      this.transform = transform;
      this.release = release;
    }

    @Override
    public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
      checkClaimedSize(codecName, uncompressedSize, pageBytesMax);
      byte[] output;
      try {
        output = transform.apply(bytes.toByteArray(), uncompressedSize);
      } catch (IOException | RuntimeException e) {
        throw new IOException("corrupt " + codecName + " page: " + e.getMessage(), e);
      }
      checkProducedSize(codecName, output.length, uncompressedSize);
      return BytesInput.from(output);
    }

    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
        throws IOException {
      byte[] compressed = new byte[compressedSize];
      input.duplicate().get(compressed);
      output.put(decompress(BytesInput.from(compressed), uncompressedSize).toByteArray());
    }

    @Override
    public void release() {
      release.run();
    }
  }

  private static void checkClaimedSize(CompressionCodecName codecName, int uncompressedSize, int pageBytesMax)
      throws IOException {
    if (uncompressedSize < 0 || uncompressedSize > pageBytesMax) {
      throw new IOException(
          codecName + " page claims " + uncompressedSize + " bytes uncompressed (limit " + pageBytesMax + ")");
    }
  }

  private static void checkProducedSize(CompressionCodecName codecName, long produced, int uncompressedSize)
      throws IOException {
    if (produced != uncompressedSize) {
      throw new IOException(
          "corrupt " + codecName + " page: " + produced + " bytes decompressed, header says " + uncompressedSize);
    }
  }

  /** zstd into an array of exactly the claimed size; a frame that holds another size is caught by the caller. */
  private static byte[] unzstd(ZstdDecompressCtx context, byte[] input, int uncompressedSize) {
    byte[] output = new byte[uncompressedSize];
    int produced = context.decompressByteArray(output, 0, uncompressedSize, input, 0, input.length);
    return produced == uncompressedSize ? output : java.util.Arrays.copyOf(output, produced);
  }

  private static byte[] unsnappy(byte[] input, int uncompressedSize) throws IOException {
    int length = Snappy.uncompressedLength(input);
    if (length != uncompressedSize) {
      throw new IOException("snappy block holds " + length + " bytes, header says " + uncompressedSize);
    }
    return Snappy.uncompress(input);
  }

  private static byte[] gzip(byte[] input) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(input.length / 2 + 64);
    try (GZIPOutputStream out = new GZIPOutputStream(buffer)) {
      out.write(input);
    }
    return buffer.toByteArray();
  }

  private static byte[] gunzip(byte[] input, int uncompressedSize) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(input))) {
      byte[] output = in.readNBytes(uncompressedSize);
      if (in.read() != -1) {
        throw new IOException("gzip page holds more than the " + uncompressedSize + " bytes its header says");
      }
      return output;
    }
  }
}
