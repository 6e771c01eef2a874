package io.trapscope.formats.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable little-endian byte buffer for page encoders; reused page after page. */
final class ByteSink {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] bytes;
  private int size;

  ByteSink(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  byte[] array() {
    return bytes;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  void writeByte(int value) {
    ensure(1);
    bytes[size++] = (byte) value;
  }

  void writeBytes(byte[] source, int offset, int length) {
    ensure(length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  void writeIntLittleEndian(int value) {
    ensure(4);
    INTS.set(bytes, size, value);
    size += 4;
  }

  void writeLongLittleEndian(long value) {
    ensure(8);
    LONGS.set(bytes, size, value);
    size += 8;
  }

  /** PLAIN INT64: every value as eight little-endian bytes. */
  void writeLongsLittleEndian(long[] values, int count) {
    ensure(count * 8);
    int position = size;
    for (int index = 0; index < count; index++, position += 8) {
      LONGS.set(bytes, position, values[index]);
    }
    size = position;
  }

  /** PLAIN INT32: the low four bytes of every value, little-endian. */
  void writeIntsLittleEndian(long[] values, int count) {
    ensure(count * 4);
    int position = size;
    for (int index = 0; index < count; index++, position += 4) {
      INTS.set(bytes, position, (int) values[index]);
    }
    size = position;
  }

  /** Unsigned LEB128, as Parquet's varints. */
  void writeUnsignedVarint(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    bytes[size++] = (byte) value;
  }

  void writeZigZagVarint(long value) {
    writeUnsignedVarint((value << 1) ^ (value >> 63));
  }

  /**
   * Claims the next {@code length} bytes for a bit packer that writes straight into {@link #array()};
   * returns their offset.
   */
  int reserve(int length) {
    ensure(length);
    int position = size;
    size += length;
    return position;
  }

  /** Overwrites the four bytes at {@code position}. */
  void putIntLittleEndian(int position, int value) {
    bytes[position] = (byte) value;
    bytes[position + 1] = (byte) (value >>> 8);
    bytes[position + 2] = (byte) (value >>> 16);
    bytes[position + 3] = (byte) (value >>> 24);
  }
}
