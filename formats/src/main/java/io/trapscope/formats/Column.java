package io.trapscope.formats;

import java.util.Objects;

/**
 * One column of a trace table: its name in the files, its type, whether it may be null, and the shape of
 * its data, which decides how it is encoded.
 */
public record Column(String name, ColumnType type, boolean nullable, Shape shape, String description) {
  /** What a column's values look like from row to row. */
  public enum Shape {
    /** Grows row by row (seq, tick): small deltas. */
    COUNTER,
    /** A few distinct values (kind, vcpu): a dictionary of them, long runs of each. */
    CATEGORY,
    /** Anything else (task ids, data): too many distinct values for a dictionary to pay. */
    VALUE
  }

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(description, "description");
  }

  static Column required(String name, ColumnType type, Shape shape, String description) {
    return new Column(name, type, false, shape, description);
  }

  static Column optional(String name, ColumnType type, Shape shape, String description) {
    return new Column(name, type, true, shape, description);
  }
}
