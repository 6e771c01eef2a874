package io.trapscope.formats;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A buffered file output that counts its bytes and computes their SHA-256 as they pass, so that a writer
 * never reads its file back to checksum it.
 */
public final class DigestingOutputStream extends OutputStream {
  private static final int BUFFER_BYTES = 1 << 16;

  private final FileChannel channel;
  private final OutputStream file;
  private final MessageDigest digest;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int buffered;
  private long position;
  private String sha256;

  /** Creates {@code path}, which must not exist. */
  public DigestingOutputStream(Path path) throws IOException {
    this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    this.file = Channels.newOutputStream(channel);
    this.digest = sha256Digest();
  }

  /** Bytes written so far. */
  public long position() {
    return position;
  }

  @Override
  public void write(int value) throws IOException {
    if (buffered == BUFFER_BYTES) {
      drain();
    }
    buffer[buffered++] = (byte) value;
    position++;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (length >= BUFFER_BYTES) {
      drain();
      digest.update(bytes, offset, length);
      file.write(bytes, offset, length);
    } else {
      if (buffered + length > BUFFER_BYTES) {
        drain();
      }
      System.arraycopy(bytes, offset, buffer, buffered, length);
      buffered += length;
    }
    position += length;
  }

  @Override
  public void flush() throws IOException {
    drain();
    file.flush();
  }

  @Override
  public void close() throws IOException {
    if (sha256 != null) {
      return;
    }
    try {
      drain();
      // A trace is renamed into place once complete; its files must be on disk before that rename is.
      channel.force(true);
    } finally {
      file.close();
    }
    sha256 = HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 of everything written, in lower-case hex; valid after {@link #close()}. */
  public String sha256() {
    if (sha256 == null) {
      throw new IllegalStateException("stream not closed yet");
    }
    return sha256;
  }

  private void drain() throws IOException {
    if (buffered > 0) {
      digest.update(buffer, 0, buffered);
      file.write(buffer, 0, buffered);
      buffered = 0;
    }
  }

  static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
