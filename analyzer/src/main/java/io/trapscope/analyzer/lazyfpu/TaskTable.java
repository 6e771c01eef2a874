package io.trapscope.analyzer.lazyfpu;

/**
 * Live tasks' states by task id: open addressing with linear probing and backward-shift deletion, so that
 * the per-event lookups neither box nor allocate, and exited tasks leave no tombstones behind.
 */
final class TaskTable {
  private int[] keys = new int[64];
  private FpuTracker.TaskState[] values = new FpuTracker.TaskState[64];
  private int size;

  int size() {
    return size;
  }

  FpuTracker.TaskState get(int key) {
    int mask = keys.length - 1;
    for (int slot = mix(key) & mask; values[slot] != null; slot = (slot + 1) & mask) {
      if (keys[slot] == key) {
        return values[slot];
      }
    }
    return null;
  }

  void put(int key, FpuTracker.TaskState value) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (values[slot] != null) {
      if (keys[slot] == key) {
        values[slot] = value;
        return;
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    values[slot] = value;
    size++;
  }

  void remove(int key) {
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (values[slot] != null && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    if (values[slot] == null) {
      return;
    }
    values[slot] = null;
    size--;
    // Shift later entries of the same probe run back, so that no lookup stops early at the hole.
    int hole = slot;
    for (int next = (slot + 1) & mask; values[next] != null; next = (next + 1) & mask) {
      int home = mix(keys[next]) & mask;
      boolean movable = hole <= next ? home <= hole || home > next : home <= hole && home > next;
      if (movable) {
        keys[hole] = keys[next];
        values[hole] = values[next];
        values[next] = null;
        hole = next;
      }
    }
  }

  private void grow() {
    int[] oldKeys = keys;
    FpuTracker.TaskState[] oldValues = values;
    keys = new int[oldKeys.length * 2];
    values = new FpuTracker.TaskState[oldKeys.length * 2];
    size = 0;
    for (int index = 0; index < oldKeys.length; index++) {
      if (oldValues[index] != null) {
        put(oldKeys[index], oldValues[index]);
      }
    }
  }

  private static int mix(int key) {
    int mixed = key * 0x9E3779B9;
    return mixed ^ (mixed >>> 16);
  }
}
