package io.trapscope.emulator;

import io.trapscope.model.vocabulary.TrapOutcome;
import io.trapscope.model.vocabulary.TrapSource;
import io.trapscope.model.vocabulary.TrapType;

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


}
