package io.trapscope.formats;

import java.util.List;

/**
 * A block of rows of one table, stored column by column as {@code long}s.
 *
 * <p>Every type widens to {@code long}: INT32 as itself, BOOLEAN as 0 or 1, STRING as a code into the
 * column's {@link StringDictionary}. Nullable columns carry a null mask. A batch is reused: producers
 * {@link #clear()} it and fill it again, so the hot path allocates nothing.
 */
public final class ColumnBatch {
  /** Rows per batch unless a caller asks otherwise: large enough to amortise, small enough for L2. */
  public static final int CAPACITY_DEFAULT = 1 << 14;

  private final Table table;
  private final int capacity;
  private final long[][] values;
  private final boolean[][] nulls;
  private final StringDictionary[] dictionaries;
  private int size;

  /** A batch whose string columns share {@code dictionaries} (indexed by column, null for non-strings). */
  public ColumnBatch(Table table, int capacity, StringDictionary[] dictionaries) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    List<Column> columns = table.columns();
    if (dictionaries.length != columns.size()) {
      throw new IllegalArgumentException("one dictionary slot per column expected");
    }
    this.table = table;
    this.capacity = capacity;
    this.values = new long[columns.size()][capacity];
    this.nulls = new boolean[columns.size()][];
    this.dictionaries = dictionaries.clone();
    for (int column = 0; column < columns.size(); column++) {
      Column spec = columns.get(column);
      if (spec.nullable()) {
        nulls[column] = new boolean[capacity];
      }
      if ((spec.type() == ColumnType.STRING) != (dictionaries[column] != null)) {
        throw new IllegalArgumentException("column " + spec.name() + ": dictionary iff string column");
      }
    }
  }

  /** A batch with fresh dictionaries for every string column. */
  public static ColumnBatch create(Table table, int capacity) {
    return new ColumnBatch(table, capacity, freshDictionaries(table));
  }

  /** One new dictionary per string column of {@code table}. */
  public static StringDictionary[] freshDictionaries(Table table) {
    List<Column> columns = table.columns();
    StringDictionary[] result = new StringDictionary[columns.size()];
    for (int column = 0; column < columns.size(); column++) {
      if (columns.get(column).type() == ColumnType.STRING) {
        result[column] = new StringDictionary();
      }
    }
    return result;
  }

  public Table table() {
    return table;
  }

  public int capacity() {
    return capacity;
  }

  public int size() {
    return size;
  }

  public boolean isFull() {
    return size == capacity;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public void clear() {
    size = 0;
  }

  /** Declares rows {@code [0, size)} filled; used by producers that write the arrays directly. */
  public void setSize(int size) {
    if (size < 0 || size > capacity) {
      throw new IllegalArgumentException("size " + size + " outside [0, " + capacity + "]");
    }
    this.size = size;
  }

  /** Appends an empty row and returns its index; fill it with {@link #set} and {@link #setNull}. */
  public int addRow() {
    if (size == capacity) {
      throw new IllegalStateException("batch full: " + capacity + " rows");
    }
    int row = size++;
    for (boolean[] mask : nulls) {
      if (mask != null) {
        mask[row] = false;
      }
    }
    return row;
  }

  /** The raw values of a column; rows past {@link #size()} are garbage. */
  public long[] column(int column) {
    return values[column];
  }

  /** The null mask of a nullable column, or null for a required one. */
  public boolean[] nullMask(int column) {
    return nulls[column];
  }

  public long get(int column, int row) {
    return values[column][row];
  }

  public void set(int column, int row, long value) {
    values[column][row] = value;
  }

  public boolean isNull(int column, int row) {
    boolean[] mask = nulls[column];
    return mask != null && mask[row];
  }

  public void setNull(int column, int row) {
    boolean[] mask = nulls[column];
    if (mask == null) {
      throw new IllegalArgumentException("column " + table.columns().get(column).name() + " is required");
    }
    mask[row] = true;
    values[column][row] = 0;
  }

  /** The dictionary of a string column, or null. */
  public StringDictionary dictionary(int column) {
    return dictionaries[column];
  }

  /** The string at a row of a string column. */
  public String string(int column, int row) {
    return dictionaries[column].value((int) values[column][row]);
  }

  /** Sets a string cell, assigning a code if needed. */
  public void setString(int column, int row, String value) {
    values[column][row] = dictionaries[column].code(value);
  }
}
