package io.trapscope.formats.parquet;

import java.util.Arrays;

/**
 * Assigns dense ids to distinct {@code long}s in first-seen order: an open-addressing table, so that the
 * hot path neither boxes nor allocates. Bounded by {@link #ENTRIES_MAX}; past it the caller falls back to
 * another encoding.
 */
final class LongDictionary {
  /** Ids fit in 16 bits: beyond that a dictionary stops paying for itself on our columns. */
  static final int ENTRIES_MAX = 1 << 16;

  /** Values in [0, DIRECT_LIMIT) skip the hash table: the common case of codes and small categories. */
  private static final int DIRECT_LIMIT = 4096;

  private final int[] direct = new int[DIRECT_LIMIT];
  private long[] keys = new long[1024];
  private int[] ids = new int[1024];
  private boolean[] used = new boolean[1024];
  private long[] values = new long[256];
  private int size;

  int size() {
    return size;
  }

  long value(int id) {
    return values[id];
  }

  /** The id of {@code value}, adding it if new; -1 if the dictionary is full. */
  int idOf(long value) {
    if (value >= 0 && value < DIRECT_LIMIT) {
      int stored = direct[(int) value];
      if (stored != 0) {
        return stored - 1;
      }
      int id = add(value);
      if (id >= 0) {
        direct[(int) value] = id + 1;
      }
      return id;
    }
    int mask = keys.length - 1;
    int slot = (int) mix(value) & mask;
    while (used[slot]) {
      if (keys[slot] == value) {
        return ids[slot];
      }
      slot = (slot + 1) & mask;
    }
    if (size == ENTRIES_MAX) {
      return -1;
    }
    used[slot] = true;
    keys[slot] = value;
    ids[slot] = size;
    if (size * 2 + 2 > keys.length) {
      int id = add(value);
      grow();
      return id;
    }
    return add(value);
  }

  /** Appends {@code value} to the id order; -1 if the dictionary is full. */
  private int add(long value) {
    if (size == ENTRIES_MAX) {
      return -1;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size] = value;
    return size++;
  }

  void clear() {
    Arrays.fill(used, false);
    Arrays.fill(direct, 0);
    size = 0;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldIds = ids;
    boolean[] oldUsed = used;
    keys = new long[oldKeys.length * 2];
    ids = new int[oldKeys.length * 2];
    used = new boolean[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int index = 0; index < oldKeys.length; index++) {
      if (oldUsed[index]) {
        int slot = (int) mix(oldKeys[index]) & mask;
        while (used[slot]) {
          slot = (slot + 1) & mask;
        }
        used[slot] = true;
        keys[slot] = oldKeys[index];
        ids[slot] = oldIds[index];
      }
    }
  }

  private static long mix(long value) {
    long mixed = value * 0x9E37_79B9_7F4A_7C15L;
    return mixed ^ (mixed >>> 29);
  }
}
