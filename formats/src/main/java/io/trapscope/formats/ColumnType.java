package io.trapscope.formats;

/** The physical type of a trace column, as seen by Parquet, Arrow and SQL. */
public enum ColumnType {
  INT64("BIGINT"),
  INT32("INTEGER"),
  BOOLEAN("BOOLEAN"),
  /** A string drawn from a small vocabulary; batches carry it as a code into a {@link StringDictionary}. */
  STRING("VARCHAR");

  private final String sqlName;

  ColumnType(String sqlName) {
    this.sqlName = sqlName;
  }

  /** The type's name in DuckDB's SQL dialect, for documentation and checks. */
  public String sqlName() {
    return sqlName;
  }
}
