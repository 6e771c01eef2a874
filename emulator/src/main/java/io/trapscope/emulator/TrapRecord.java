package io.trapscope.emulator;

/**
 * One trap or injection and what became of it.
 *
 * @param trapId position in raise order, from 0
 * @param vector the exception vector
 * @param type how it is delivered
 * @param source who raised it
 * @param vcpu the vCPU it was raised on
 * @param task the task running then, -1 for none
 * @param raisedSeq seq of the event that raised it
 * @param deliveredSeq seq of the event that delivered it, or -1 if it never was
 * @param outcome what became of it
 * @param errorCode the error code delivered with it, or -1 for none
 * @param insnLen the instruction length of a software exception (how far delivery advances RIP), else 0
 */
public record TrapRecord(
    long trapId,
    int vector,
    TrapType type,
    TrapSource source,
    int vcpu,
    int task,
    long raisedSeq,
    long deliveredSeq,
    TrapOutcome outcome,
    long errorCode,
    int insnLen) {

  /** {@link #errorCode} of a trap that has none. */
  public static final long NO_ERROR_CODE = -1;

  /** The NMI's fixed vector. */
  public static final int VECTOR_NMI = 2;
  public static final int VECTOR_BP = 3;
  /** Vector of #NM, "device not available". */
  public static final int VECTOR_NM = 7;
  public static final int VECTOR_DF = 8;
  public static final int VECTOR_PF = 14;
  /** {@code LOCAL_TIMER_VECTOR} of Linux: the external interrupt the model raises. */
  public static final int VECTOR_LOCAL_TIMER = 0xef;
}
