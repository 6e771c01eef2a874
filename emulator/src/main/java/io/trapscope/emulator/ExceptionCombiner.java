package io.trapscope.emulator;

import io.trapscope.model.vocabulary.Vectors;

/**
 * Xen's {@code hvm_combine_hw_exceptions} (xen/arch/x86/hvm/hvm.c): what a pending hardware exception and a
 * new one become. Stricter than the SDM: any exception during #PF delivery is a #DF, and so is a benign one
 * after a contributory one.
 */
final class ExceptionCombiner {
  /** The answer for a pending #DF: {@code hvm_triple_fault()}, the domain is shut down. */
  static final int TRIPLE_FAULT = -1;

  /** #DE, #TS, #NP, #SS and #GP. */
  static final int CONTRIBUTORY = (1 << 0) | (1 << 10) | (1 << 11) | (1 << 12) | (1 << 13);

  private ExceptionCombiner() {}

  /**
   * The vector delivered when {@code second} arrives while {@code first} is pending: {@code second}
   * (the first is discarded), #DF, or {@link #TRIPLE_FAULT}.
   *
   * @param newerRule the rule since Xen 4.5, whose page-fault class holds #VE as well as #PF
   */
  static int combine(int first, int second, boolean newerRule) {
    Invariants.check(first >= 0 && first < 32 && second >= 0 && second < 32, "combining non-exception vectors");
    int pageFaults = (1 << Vectors.PAGE_FAULT) | (newerRule ? 1 << Vectors.VIRTUALISATION_EXCEPTION : 0);
    if (first == Vectors.DOUBLE_FAULT) {
      return TRIPLE_FAULT;
    }
    if (((1 << first) & pageFaults) != 0) {
      return Vectors.DOUBLE_FAULT;
    }
    if (((1 << first) & CONTRIBUTORY) == 0 || ((1 << second) & pageFaults) != 0) {
      return second;
    }
    return Vectors.DOUBLE_FAULT;
  }
}
