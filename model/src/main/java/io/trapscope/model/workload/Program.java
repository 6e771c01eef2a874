package io.trapscope.model.workload;

import java.util.ArrayList;
import java.util.List;

/** A body of operations with their operands, run {@code repeat} times; the task exits after the last. */
public final class Program {
  private final String name;
  private final Operation[] operations;
  private final int[] operands;
  private final int repeat;

  Program(String name, List<Operation> operations, List<Integer> operands, int repeat) {
    if (operations.isEmpty() || operations.size() != operands.size() || repeat < 1) {
      throw new IllegalArgumentException("a program needs a non-empty body and at least one repetition");
    }
    this.name = name;
    this.operations = operations.toArray(new Operation[0]);
    this.operands = operands.stream().mapToInt(Integer::intValue).toArray();
    this.repeat = repeat;
  }

  public String name() {
    return name;
  }

  public int length() {
    return operations.length;
  }

  public Operation operation(int pc) {
    return operations[pc];
  }

  public int operand(int pc) {
    return operands[pc];
  }

  public int repeat() {
    return repeat;
  }

  /** Whether the body has {@code operation} anywhere. */
  public boolean uses(Operation operation) {
    for (Operation each : operations) {
      if (each == operation) {
        return true;
      }
    }
    return false;
  }

  /** Builds a program body one operation at a time. */
  public static final class Builder {
    private final String name;
    private final List<Operation> operations = new ArrayList<>();
    private final List<Integer> operands = new ArrayList<>();

    /** A builder for a program called {@code name}, for listings and messages. */
    public Builder(String name) {
      this.name = name;
    }

    /** Appends {@code operation} with operand 0. */
    public Builder add(Operation operation) {
      return add(operation, 0);
    }

    /** Appends {@code operation} with its operand. */
    public Builder add(Operation operation, int operand) {
      operations.add(operation);
      operands.add(operand);
      return this;
    }

    /** Appends {@code count} copies of {@code operation} with the same operand. */
    public Builder times(Operation operation, int operand, int count) {
      for (int index = 0; index < count; index++) {
        add(operation, operand);
      }
      return this;
    }

    /** The program whose body is what was appended, run {@code count} times. */
    public Program repeat(int count) {
      return new Program(name, operations, operands, count);
    }
  }
}
