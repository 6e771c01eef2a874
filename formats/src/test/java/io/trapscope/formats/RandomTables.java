package io.trapscope.formats;

import java.util.List;
import java.util.SplittableRandom;

/** Seeded random tables whose columns follow distributions chosen to stress each Parquet encoder. */
public final class RandomTables {
  /** How the values of a numeric (INT64, INT32, BOOLEAN) column are drawn. */
  public enum Numbers {
    /** One value for every row: bit width 0 for deltas and dictionary ids. */
    CONSTANT,
    /** Runs of 1 to 20 equal values, drawn from a small pool or the whole range. */
    RUNS,
    /** Only the type's extremes and their neighbours, so that deltas overflow and wrap. */
    EXTREMES,
    /** Negative values of every magnitude. */
    NEGATIVE,
    /** Values in [0, 16). */
    SMALL,
    /** Any value of the type. */
    UNIFORM,
    /** A counter growing by 0 to 3. */
    COUNTER,
    /** A counter growing by jumps of every bit width up to 64, wrapping around. */
    HUGE_JUMPS
  }

  /** How the values of a string column are drawn. */
  public enum Strings {
    CONSTANT,
    RUNS,
    FEW,
    MANY,
    /** A new string on every row: more distinct values than a chunk dictionary holds. */
    ALL_DISTINCT
  }

  private static final long[] LONG_EXTREMES = {
    Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, Long.MAX_VALUE - 1, 0, -1, 1,
    Integer.MIN_VALUE, Integer.MAX_VALUE
  };
  private static final long[] INT_EXTREMES = {
    Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 0, -1, 1
  };

  private RandomTables() {}

  /**
   * A table of {@code rows} rows whose every column follows a randomly chosen distribution; {@code
   * description} receives the choices, for failure messages.
   */
  public static ColumnBatch random(Table table, int rows, SplittableRandom random, StringBuilder description) {
    ColumnBatch batch = TestData.table(table, rows);
    batch.setSize(rows);
    List<Column> columns = table.columns();
    for (int column = 0; column < columns.size(); column++) {
      Column spec = columns.get(column);
      if (spec.type() == ColumnType.STRING) {
        Strings shape = Strings.values()[random.nextInt(Strings.values().length)];
        fillStrings(batch, column, rows, shape, random);
        description.append(spec.name()).append('=').append(shape).append(' ');
      } else {
        Numbers shape = Numbers.values()[random.nextInt(Numbers.values().length)];
        fillNumbers(batch.column(column), rows, shape, spec.type(), random);
        description.append(spec.name()).append('=').append(shape).append(' ');
      }
      if (spec.nullable()) {
        double rate = new double[] {0, 0.5, 1, 0.01, 0.99}[random.nextInt(5)];
        fillNulls(batch, column, rows, rate, random);
        description.append(spec.name()).append(".nulls=").append(rate).append(' ');
      }
    }
    return batch;
  }

  /** A table of {@code rows} rows whose numeric columns all follow {@code numbers} and strings {@code strings}. */
  public static ColumnBatch uniform(
      Table table, int rows, Numbers numbers, Strings strings, double nullRate, SplittableRandom random) {
    ColumnBatch batch = TestData.table(table, rows);
    batch.setSize(rows);
    List<Column> columns = table.columns();
    for (int column = 0; column < columns.size(); column++) {
      Column spec = columns.get(column);
      if (spec.type() == ColumnType.STRING) {
        fillStrings(batch, column, rows, strings, random);
      } else {
        fillNumbers(batch.column(column), rows, numbers, spec.type(), random);
      }
      if (spec.nullable()) {
        fillNulls(batch, column, rows, nullRate, random);
      }
    }
    return batch;
  }

  /** Fills {@code out[0, rows)} with values of {@code type} drawn as {@code shape} says. */
  public static void fillNumbers(long[] out, int rows, Numbers shape, ColumnType type, SplittableRandom random) {
    boolean int32 = type == ColumnType.INT32;
    boolean bool = type == ColumnType.BOOLEAN;
    long[] extremes = int32 ? INT_EXTREMES : LONG_EXTREMES;
    long constant = any(type, random);
    long value = random.nextBoolean() ? any(type, random) : 0;
    long[] pool = new long[8];
    for (int index = 0; index < pool.length; index++) {
      pool[index] = random.nextBoolean() ? random.nextInt(4) : any(type, random);
    }
    int runLeft = 0;
    for (int row = 0; row < rows; row++) {
      switch (shape) {
        case CONSTANT:
          value = constant;
          break;
        case RUNS:
          if (runLeft == 0) {
            runLeft = 1 + random.nextInt(20);
            value = pool[random.nextInt(pool.length)];
          }
          runLeft--;
          break;
        case EXTREMES:
          value = extremes[random.nextInt(extremes.length)];
          break;
        case NEGATIVE:
          value = -1 - (any(type, random) >>> 1 >>> random.nextInt(63));
          break;
        case SMALL:
          value = random.nextInt(16);
          break;
        case UNIFORM:
          value = any(type, random);
          break;
        case COUNTER:
          value += random.nextInt(4);
          break;
        case HUGE_JUMPS:
          value += random.nextLong() >>> random.nextInt(64);
          break;
        default:
          throw new IllegalStateException(shape.toString());
      }
      out[row] = bool ? value & 1 : int32 ? (int) value : value;
    }
  }

  private static long any(ColumnType type, SplittableRandom random) {
    switch (type) {
      case BOOLEAN:
        return random.nextInt(2);
      case INT32:
        return random.nextInt();
      default:
        return random.nextLong();
    }
  }

  /** Fills a string column's rows {@code [0, rows)} as {@code shape} says. */
  public static void fillStrings(ColumnBatch batch, int column, int rows, Strings shape, SplittableRandom random) {
    int vocabulary;
    switch (shape) {
      case CONSTANT:
        vocabulary = 1;
        break;
      case FEW:
      case RUNS:
        vocabulary = 1 + random.nextInt(12);
        break;
      case MANY:
        vocabulary = 5000;
        break;
      default:
        vocabulary = Integer.MAX_VALUE;
    }
    int offset = random.nextInt(1000);
    int runLeft = 0;
    int current = 0;
    for (int row = 0; row < rows; row++) {
      switch (shape) {
        case CONSTANT:
          current = 0;
          break;
        case RUNS:
          if (runLeft == 0) {
            runLeft = 1 + random.nextInt(20);
            current = random.nextInt(vocabulary);
          }
          runLeft--;
          break;
        case ALL_DISTINCT:
          current = row;
          break;
        default:
          current = random.nextInt(vocabulary);
      }
      batch.setString(column, row, word(current + offset));
    }
  }

  /** The {@code index}th string of a vocabulary with empty, multi-byte and long members. */
  public static String word(int index) {
    switch (index % 7) {
      case 0:
        return index == 0 ? "" : "w" + index;
      case 1:
        return "ünï-" + index + "-\u6f22\u5b57";
      case 2:
        return "long-" + "x".repeat(index % 300) + index;
      default:
        return "w" + index;
    }
  }

  /** Marks about {@code rate} of the rows null, in runs, so that long and short null runs both occur. */
  public static void fillNulls(ColumnBatch batch, int column, int rows, double rate, SplittableRandom random) {
    boolean[] mask = batch.nullMask(column);
    int runLeft = 0;
    boolean isNull = false;
    for (int row = 0; row < rows; row++) {
      if (rate == 0 || rate == 1) {
        isNull = rate == 1;
      } else {
        if (runLeft == 0) {
          runLeft = 1 + random.nextInt(random.nextBoolean() ? 3 : 40);
          isNull = random.nextDouble() < rate;
        }
        runLeft--;
      }
      mask[row] = isNull;
      if (isNull) {
        batch.column(column)[row] = 0;
      }
    }
  }
}
