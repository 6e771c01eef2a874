package io.trapscope.model.vocabulary;

/** x86 vectors, the numbers the model raises and injects, and their names as reports print them ("#BP"). */
public final class Vectors {
  public static final int NMI = 2;
  public static final int BREAKPOINT = 3;
  public static final int OVERFLOW = 4;
  public static final int DEVICE_NOT_AVAILABLE = 7;
  public static final int DOUBLE_FAULT = 8;
  public static final int PAGE_FAULT = 14;
  /** #VE, which the newer {@code hvm_combine_hw_exceptions} counts with #PF. */
  public static final int VIRTUALISATION_EXCEPTION = 20;
  /** Vectors from here up are external interrupts, not exceptions. */
  public static final int FIRST_INTERRUPT = 32;
  /** The local APIC timer's vector, as Linux programs it ({@code LOCAL_TIMER_VECTOR}). */
  public static final int LOCAL_TIMER = 0xef;
  /** What a trap without an error code carries in {@code TRAP_RAISE}'s aux. */
  public static final int NO_ERROR_CODE = -1;

  private static final String[] EXCEPTIONS = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#CSO", "#TS", "#NP", "#SS", "#GP", "#PF", "#15",
    "#MF", "#AC", "#MC", "#XM", "#VE", "#CP"
  };

  private Vectors() {}

  /** Whether the vector is an NMI or an external interrupt: raised in the LAPIC, pending only once a VM entry finds nothing else pending. */
  public static boolean waitsInLapic(long vector) {
    return vector == NMI || vector >= FIRST_INTERRUPT;
  }

  /** "#PF", "#BP", or "interrupt 239". */
  public static String name(long vector) {
    if (vector >= 0 && vector < EXCEPTIONS.length) {
      return EXCEPTIONS[(int) vector];
    }
    return vector >= FIRST_INTERRUPT && vector < 256 ? "interrupt " + vector : "vector " + vector;
  }

  /** An address or register value in hex, as the guest would print it. */
  public static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }
}
