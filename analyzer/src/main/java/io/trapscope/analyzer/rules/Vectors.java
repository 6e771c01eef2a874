package io.trapscope.analyzer.rules;

/** Names of x86 vectors and memory-event numbers as reports print them ("#BP", "CR3", "INT3"). */
public final class Vectors {
  public static final int NMI = 2;
  public static final int BREAKPOINT = 3;
  public static final int DOUBLE_FAULT = 8;
  public static final int PAGE_FAULT = 14;
  /** Vectors from here up are external interrupts, not exceptions. */
  public static final int FIRST_INTERRUPT = 32;

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

  /** A {@code MEM_EVENT_*} reason: 1 violation, 2 CR0, 3 CR3, 4 CR4, 5 INT3. */
  public static String reason(long reason) {
    switch ((int) reason) {
      case 1:
        return "violation";
      case 2:
        return "CR0";
      case 3:
        return "CR3";
      case 4:
        return "CR4";
      case 5:
        return "INT3";
      default:
        return "reason " + reason;
    }
  }

  /** An {@code HVM_PARAM_MEMORY_EVENT_*} parameter: 20 CR0, 21 CR3, 22 CR4, 23 INT3. */
  public static String parameter(long parameter) {
    switch ((int) parameter) {
      case 20:
        return "HVM_PARAM_MEMORY_EVENT_CR0";
      case 21:
        return "HVM_PARAM_MEMORY_EVENT_CR3";
      case 22:
        return "HVM_PARAM_MEMORY_EVENT_CR4";
      case 23:
        return "HVM_PARAM_MEMORY_EVENT_INT3";
      default:
        return "parameter " + parameter;
    }
  }

  /** A {@code VCPU_PAUSE} reason. */
  public static String pause(long reason) {
    switch ((int) reason) {
      case 1:
        return "sync request";
      case 2:
        return "ring full";
      case 3:
        return "waiting for a ring slot";
      case 4:
        return "few ring slots left";
      case 5:
        return "domain paused itself";
      default:
        return "reason " + reason;
    }
  }

  /** An address or register value in hex, as the guest would print it. */
  public static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }
}
