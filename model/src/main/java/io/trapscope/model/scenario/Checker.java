package io.trapscope.model.scenario;

/** Reports the first broken rule of a scenario as a {@link ScenarioException} naming its source and path. */
public final class Checker {
  /** Longest sleep or block a scenario may ask for. */
  public static final long TICKS_MAX = 1_000_000_000L;
  /** Most shell loops or long-lived tasks a workload may start. */
  public static final int LOOPS_MAX = 1024;
  /** Most processes one shell loop may start. */
  public static final int PROCESSES_MAX = 1_000_000_000;
  /** Most repetitions of a program body. */
  public static final int ROUNDS_MAX = 999_999;
  /** Most operations of one kind in a program body. */
  public static final int OPERATIONS_MAX = 1000;

  private final String source;

  Checker(String source) {
    this.source = source;
  }

  /** Fails with {@code detail} at {@code path} unless {@code condition} holds. */
  public void that(boolean condition, String path, String detail) {
    if (!condition) {
      throw new ScenarioException(source, path, detail);
    }
  }

  /** Fails unless {@code value} is between 0 and 1. */
  public void probability(double value, String path) {
    that(value >= 0 && value <= 1, path, "must be a probability between 0 and 1, got " + value);
  }

  /** Fails unless {@code value} is between {@code min} and {@code max}, both included. */
  public void range(long value, long min, long max, String path) {
    that(value >= min && value <= max, path, "must be between " + min + " and " + max + ", got " + value);
  }

  /** Fails unless {@code pathStem}Min and {@code pathStem}Max are tick counts with the first not above the second. */
  public void ticks(long min, long max, String pathStem) {
    range(min, 1, TICKS_MAX, pathStem + "Min");
    range(max, 1, TICKS_MAX, pathStem + "Max");
    that(min <= max, pathStem + "Min", "must not exceed " + pathStem.substring(pathStem.lastIndexOf('.') + 1) + "Max (" + max + ")");
  }

  /** The system call block rates every workload with system calls has. */
  public void syscallBlocks(double probability, long ticksMin, long ticksMax) {
    probability(probability, "workload.syscallBlockProbability");
    ticks(ticksMin, ticksMax, "workload.syscallBlockTicks");
  }
}
