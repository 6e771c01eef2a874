package io.trapscope.formats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Codes for the values of one string column, assigned in first-seen order.
 *
 * <p>Batches carry strings as these codes so that the hot path moves {@code long}s only. A producer that
 * knows its vocabulary registers it up front, so that its codes equal its own ordinals.
 */
public final class StringDictionary {
  /** Guards readers against a file with an absurd number of distinct strings. */
  public static final int SIZE_MAX = 1 << 20;

  private final List<String> values = new ArrayList<>();
  private final Map<String, Integer> codes = new HashMap<>();

  /** The code of {@code value}, assigning the next one if it is new. */
  public int code(String value) {
    Integer code = codes.get(value);
    if (code != null) {
      return code;
    }
    if (values.size() >= SIZE_MAX) {
      throw new IllegalStateException("more than " + SIZE_MAX + " distinct strings in one column");
    }
    int next = values.size();
    values.add(value);
    codes.put(value, next);
    return next;
  }

  /** The code of {@code value}, or -1 if it was never seen. */
  public int find(String value) {
    Integer code = codes.get(value);
    return code == null ? -1 : code;
  }

  /** The string for {@code code}. */
  public String value(int code) {
    return values.get(code);
  }

  /** How many codes are assigned. */
  public int size() {
    return values.size();
  }

  /** The strings in code order. */
  public List<String> values() {
    return List.copyOf(values);
  }
}
