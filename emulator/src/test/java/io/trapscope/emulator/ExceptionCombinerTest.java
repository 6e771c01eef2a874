package io.trapscope.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code hvm_combine_hw_exceptions} checked pair by pair, vectors 0 to 31, against transcriptions of the two
 * versions of the C function in xen/arch/x86/hvm/hvm.c.
 */
class ExceptionCombinerTest {
  private static final int TRIPLE = ExceptionCombiner.TRIPLE_FAULT;

  /** Xen 4.0 to 4.2, as quoted from hvm.c of that time, with its literal mask. */
  private static int xen41(int vec1, int vec2) {
    if (vec1 == 8) {
      return TRIPLE; // hvm_triple_fault(); return TRAP_double_fault; /* dummy return */
    }
    if (vec1 == 14) {
      return 8;
    }
    if ((1 << vec1 & 0x7c01) == 0 || vec2 == 14) {
      return vec2;
    }
    return 8;
  }

  /** Xen 4.5 and later: named masks, #VE in the page-fault class. */
  private static int xen49(int vec1, int vec2) {
    int contributoryExceptions = 1 << 0 | 1 << 10 | 1 << 11 | 1 << 12 | 1 << 13;
    int pageFaults = 1 << 14 | 1 << 20;
    if (vec1 == 8) {
      return TRIPLE;
    }
    if ((1 << vec1 & pageFaults) != 0) {
      return 8;
    }
    if ((1 << vec1 & contributoryExceptions) == 0 || (1 << vec2 & pageFaults) != 0) {
      return vec2;
    }
    return 8;
  }

  @Test
  void everyPairAsTheOldFunctionCombinesIt() {
    for (int first = 0; first < 32; first++) {
      for (int second = 0; second < 32; second++) {
        assertEquals(xen41(first, second), ExceptionCombiner.combine(first, second, false), "pending " + first + ", new " + second);
      }
    }
  }

  @Test
  void everyPairAsTheNewFunctionCombinesIt() {
    for (int first = 0; first < 32; first++) {
      for (int second = 0; second < 32; second++) {
        assertEquals(xen49(first, second), ExceptionCombiner.combine(first, second, true), "pending " + first + ", new " + second);
      }
    }
  }

  @Test
  void theCasesThatMatterForInjection() {
    assertEquals(8, ExceptionCombiner.combine(14, 3, false), "#BP injected on a pending #PF: double fault");
    assertEquals(8, ExceptionCombiner.combine(14, 14, false), "#PF on a pending #PF: double fault");
    assertEquals(14, ExceptionCombiner.combine(3, 14, false), "a pending #BP is discarded for a #PF");
    assertEquals(8, ExceptionCombiner.combine(13, 3, false), "stricter than the SDM: #BP after #GP is a double fault");
    assertEquals(3, ExceptionCombiner.combine(6, 3, false), "a benign pending #UD is discarded");
    assertEquals(TRIPLE, ExceptionCombiner.combine(8, 3, false));
    assertEquals(13, ExceptionCombiner.combine(20, 13, false), "#VE was benign before Xen 4.5");
    assertEquals(8, ExceptionCombiner.combine(20, 13, true), "and is a page fault since");
  }
}
