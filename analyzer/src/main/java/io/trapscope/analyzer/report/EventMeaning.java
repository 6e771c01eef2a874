package io.trapscope.analyzer.report;

import io.trapscope.analyzer.EvidenceRow;
import io.trapscope.analyzer.rules.Vectors;

/** An event row spelled out for a reader: "INJECT_REQUEST #BP (trap 387) accepted into the slot". */
public final class EventMeaning {
  private EventMeaning() {}

  /** The kind followed by what its value and aux mean. */
  public static String describe(EvidenceRow row) {
    String kind = row.kind();
    long value = row.value();
    long aux = row.aux();
    switch (kind) {
      case "TASK_SWITCH":
        return kind + (value < 0 ? " from idle" : " from task " + value);
      case "TASK_EXIT":
        return kind + " status " + value;
      case "SYSCALL":
        return kind + " " + value + (aux > 0 ? ", blocks " + aux + " ticks" : "");
      case "CR_WRITE":
        return kind + " CR" + aux + " = " + Vectors.hex(value);
      case "BREAKPOINT":
        return kind + " INT3 at " + Vectors.hex(value) + (aux == 1 ? " (the listener's hook)" : " (the guest's own)");
      case "TRAP_RAISE":
        return Vectors.waitsInLapic(value)
            ? kind + " " + Vectors.name(value) + " from the LAPIC"
            : kind + " " + Vectors.name(value) + (aux >= 0 ? " error code " + aux : "");
      case "TRAP_DELIVER":
        return kind + " " + Vectors.name(value) + " handler entered" + (aux > 0 ? ", RIP +" + aux : value == Vectors.BREAKPOINT ? ", RIP not moved" : "");
      case "DELIVERY_FAULT":
        return kind + " " + Vectors.name(value) + ": stack fault, stays pending" + (aux == 1 ? "; violation request" : "; Xen resolved it");
      case "PARAM_SET":
        return kind + " " + Vectors.parameter(value) + " rc " + aux;
      case "MEM_EVENT_PUT":
        return kind + " " + Vectors.reason(value) + " request (" + Vectors.hex(aux) + ")";
      case "MEM_EVENT_DROP":
        return kind + " " + Vectors.reason(value) + " request (" + Vectors.hex(aux) + ") lost, ring full";
      case "MEM_EVENT_RESPONSE":
        return kind + " " + Vectors.reason(value) + ", answers seq " + aux;
      case "VCPU_PAUSE":
        return kind + " " + Vectors.pause(value) + " (seq " + aux + ")";
      case "VCPU_UNPAUSE":
        return kind + " " + Vectors.pause(value) + " lifted";
      case "INJECT_REQUEST":
        return kind + " " + Vectors.name(value) + " (trap " + aux + ") accepted into the slot";
      case "INJECT_EBUSY":
        return kind + " " + Vectors.name(value) + " (trap " + aux + ") refused, slot taken";
      case "INJECT_ABANDON":
        return kind + " " + Vectors.name(value) + " (trap " + aux + ") given up";
      case "INJECT_ENTRY":
        return kind + " " + Vectors.name(value) + " (trap " + aux + ") taken from the slot";
      case "EVENT_OVERWRITE":
        return kind + " pending " + Vectors.name(value) + " lost to injected " + Vectors.name(aux);
      case "EVENT_DISCARD":
        return kind + " pending " + Vectors.name(value) + " discarded, injected " + Vectors.name(aux) + " kept";
      case "INJECT_DROP":
        return kind + " injected " + Vectors.name(value) + " dropped, pending " + Vectors.name(aux) + " kept";
      case "DOUBLE_FAULT":
        return kind + " pending " + Vectors.name(value) + " + injected " + Vectors.name(aux) + " = #DF";
      case "TRIPLE_FAULT":
        return kind + " pending #DF + injected " + Vectors.name(aux);
      case "DOMAIN_SHUTDOWN":
        return kind + (value == 1 ? " (reboot)" : " code " + value);
      case "GUEST_PANIC":
        return kind + " in the " + Vectors.name(value) + " handler";
      default:
        return kind;
    }
  }
}
