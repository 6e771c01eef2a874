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
    TrapOutcome outcome) {

  /** Vector of #NM, "device not available". */
  public static final int VECTOR_NM = 7;
}
