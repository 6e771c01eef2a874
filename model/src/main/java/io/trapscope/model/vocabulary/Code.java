package io.trapscope.model.vocabulary;

/**
 * A number that an event's {@code value} or {@code aux} carries to stand for one of a few things; each
 * enum of codes defines its numbers and its words once, for the emulator, the analyzer and the docs.
 */
public interface Code {
  /** A code's number and words, which each constant of a code enum holds. */
  record Value(int code, String label) {}

  /** The constant's number and words. */
  Value value();

  /** The number as it stands in a trace. */
  default int code() {
    return value().code();
  }

  /** A few words for a report, such as {@code sync request}. */
  default String label() {
    return value().label();
  }

  /** The constant of {@code type} whose number is {@code code}, or null. */
  static <T extends Enum<T> & Code> T of(Class<T> type, long code) {
    for (T constant : type.getEnumConstants()) {
      if (constant.code() == code) {
        return constant;
      }
    }
    return null;
  }

  /** The label of {@code code} in {@code type}, or {@code "<noun> <code>"} for a number it does not define. */
  static <T extends Enum<T> & Code> String label(Class<T> type, long code, String noun) {
    T constant = of(type, code);
    return constant == null ? noun + " " + code : constant.label();
  }
}
