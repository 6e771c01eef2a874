package io.trapscope.model.vocabulary;

/**
 * What one of an event's two numbers ({@code value} or {@code aux}) holds: the words docs/TRACE_FORMAT.md
 * gives it, and how a report reads the number.
 *
 * @param meaning the documented meaning
 * @param shape how the number is read
 * @param codes for {@link Shape#CODE}, the enum that defines its numbers; otherwise null
 * @param whenSet for {@link Shape#FLAG}, the words for 1
 * @param whenClear for {@link Shape#FLAG}, the words for 0
 */
public record Field(String meaning, Shape shape, Class<? extends Code> codes, String whenSet, String whenClear) {
  /** How a number is read. */
  public enum Shape {
    /** Always 0: nothing to read. */
    ZERO,
    /** A plain number: a count, a depth, a status, an argument. */
    NUMBER,
    /** A task id, -1 for idle. */
    TASK,
    /** An x86 vector. */
    VECTOR,
    /** An address or a register value. */
    HEX,
    /** The FPU data a task wrote: {@code task * 1000 + round}. */
    DATA,
    /** A duration in ticks. */
    TICKS,
    /** The seq of another event. */
    SEQ,
    /** The trap_id of a row of the traps table. */
    TRAP_ID,
    /** An error code, -1 for none. */
    ERROR_CODE,
    /** 1 or 0. */
    FLAG,
    /** One of a {@link Code} enum's numbers. */
    CODE
  }

  static Field zero(String meaning) {
    return new Field(meaning, Shape.ZERO, null, "", "");
  }

  static Field number(String meaning) {
    return new Field(meaning, Shape.NUMBER, null, "", "");
  }

  static Field task(String meaning) {
    return new Field(meaning, Shape.TASK, null, "", "");
  }

  static Field vector(String meaning) {
    return new Field(meaning, Shape.VECTOR, null, "", "");
  }

  static Field hex(String meaning) {
    return new Field(meaning, Shape.HEX, null, "", "");
  }

  static Field data(String meaning) {
    return new Field(meaning, Shape.DATA, null, "", "");
  }

  static Field ticks(String meaning) {
    return new Field(meaning, Shape.TICKS, null, "", "");
  }

  static Field seq(String meaning) {
    return new Field(meaning, Shape.SEQ, null, "", "");
  }

  static Field trapId(String meaning) {
    return new Field(meaning, Shape.TRAP_ID, null, "", "");
  }

  static Field errorCode(String meaning) {
    return new Field(meaning, Shape.ERROR_CODE, null, "", "");
  }

  static Field flag(String meaning, String whenSet, String whenClear) {
    return new Field(meaning, Shape.FLAG, null, whenSet, whenClear);
  }

  static Field code(String meaning, Class<? extends Code> codes) {
    return new Field(meaning, Shape.CODE, codes, "", "");
  }

  /** The number as a report spells it: "#PF", "task 3", "0x401000", "sync request". */
  public String render(long number) {
    switch (shape) {
      case TASK:
        return number < 0 ? "idle" : "task " + number;
      case VECTOR:
        return Vectors.name(number);
      case HEX:
        return Vectors.hex(number);
      case TICKS:
        return number + (number == 1 ? " tick" : " ticks");
      case ERROR_CODE:
        return number < 0 ? "" : ", error code " + number;
      case FLAG:
        return number != 0 ? whenSet : whenClear;
      case CODE:
        return label(number);
      default:
        return Long.toString(number);
    }
  }

  private String label(long number) {
    for (Code constant : codes.getEnumConstants()) {
      if (constant.code() == number) {
        return constant.label();
      }
    }
    return "code " + number;
  }
}
