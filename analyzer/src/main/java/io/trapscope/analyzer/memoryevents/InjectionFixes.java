package io.trapscope.analyzer.memoryevents;

import io.trapscope.analyzer.Fix;
import io.trapscope.model.scenario.BusyPolicy;
import io.trapscope.model.scenario.InjectionType;
import io.trapscope.model.scenario.ListenerConfig;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.scenario.XenVersion;
import java.util.List;

/**
 * The fixes known for lost and colliding memory events and injections (the 2011 INT3/CRx capture thread and what Xen, LibVMI and
 * DRAKVUF did later), marked as applying or not to the traced machine.
 */
final class InjectionFixes {
  private InjectionFixes() {}

  private static ListenerConfig listener(Scenario scenario) {
    return scenario.introspection().listener();
  }

  static List<Fix> collision(Scenario scenario) {
    return List.of(
        new Fix(
            "xen-4.9-pending-check",
            "Run Xen 4.9 or later: inject only when no event is pending",
            "Tim Deegan, reviewing the seed patch: \"What if the guest already has a trap pending for some reason? This could "
                + "turn it into a double-fault, which is probably not what the caller wanted.\" Xen 4.9's hvm_do_resume injects "
                + "only if ( !hvm_event_pending(v) ) (9864841914). The collision then becomes INJ_DROPPED, which the agent must "
                + "handle. Try it on the recorded choices: trapscope replay TRACE -o NEW --set machine.xen=xen-4.9",
            scenario.machine().xen() != XenVersion.XEN_4_9),
        new Fix(
            "inject-in-answer",
            "Agent: inject only in answer to the event that paused the vCPU",
            "Tim Deegan: \"In the INT3 case, the caller can be sure that it's the only injection going on, but that's not always "
                + "the case (e.g. if the guest trapped on a write to its stack during a pagefault).\" Inject only while handling "
                + "the request that paused the vCPU, never while an event is pending: no injection on a violation during event "
                + "delivery, no late retry of a refused one. Try it on the recorded choices: trapscope replay TRACE -o NEW --set "
                + "introspection.listener.pageInProbability=0",
            listener(scenario).connected()));
  }

  static List<Fix> vmEntryFailure(Scenario scenario) {
    ListenerConfig listener = listener(scenario);
    boolean softwareBreakpoints =
        listener.connected() && scenario.machine().xen().callerChoosesTrapType() && listener.reinjectType() == InjectionType.SOFTWARE;
    List<Fix> fixes = new java.util.ArrayList<>(collision(scenario));
    fixes.add(
        new Fix(
            "inject-hardware-exception",
            "Agent (Xen 4.2 and later): inject the #BP as a hardware exception",
            "Xen types an injected #BP as a software exception before it combines it with a pending one, and the combination "
                + "keeps that type: a software exception with an error code, which no VM entry accepts. Injected as a hardware "
                + "exception (HVMOP_TRAP_hw_exc), the combined #DF reaches the guest's #DF handler instead: the guest's kernel, "
                + "not Xen, decides what happens, which is rarely better. A hardware #BP also leaves RIP on the INT3 "
                + "(INT3_NO_ADVANCE). Try it on the recorded choices: trapscope replay TRACE -o NEW --set "
                + "introspection.listener.reinjectType=hw",
            softwareBreakpoints));
    fixes.add(
        new Fix(
            "reinject-real-length",
            "Agent: pass the INT3's real length, never 0",
            "A software exception of length 0 enters only on CPUs whose IA32_VMX_MISC bit 30 allows it; elsewhere the VM "
                + "entry fails. Pass 1 for 0xCC (Xen 4.8 reports it in the event). Try it on the recorded choices: trapscope "
                + "replay TRACE -o NEW --set introspection.listener.reinjectLength=1",
            listener.reinjectLength() == 0 && !scenario.machine().vmxZeroLengthInjection()));
    return fixes;
  }

  static List<Fix> int3WithoutListener(Scenario scenario) {
    boolean reexecutes = scenario.machine().xen().profile().int3WithoutListener() == io.trapscope.model.scenario.XenProfile.Int3WithoutListener.REEXECUTED;
    return List.of(
        new Fix(
            "listener-before-capture",
            "Enable INT3 capture only while a listener holds the ring",
            "Connect the agent to the ring before setting HVM_PARAM_MEMORY_EVENT_INT3, and clear the parameter before it "
                + "detaches: on Xen 4.2 an INT3 with capture on and no ring is neither sent nor re-injected. Try it on the "
                + "recorded choices: trapscope replay TRACE -o NEW --set introspection.listener.connected=true",
            !scenario.introspection().listener().connected()),
        new Fix(
            "xen-4.9-reinject-without-listener",
            "Run a later Xen: without a listener the #BP is re-injected",
            "Xen 4.9's monitor_traps answers -ENOSYS with 0, and vmx_vmexit_handler then re-injects the #BP into the guest "
                + "(4.9.0 monitor.c:100-105, vmx.c:3730-3733). Try it on the recorded choices: trapscope replay TRACE -o NEW "
                + "--set machine.xen=xen-4.9",
            reexecutes));
  }

  static List<Fix> dropped(Scenario scenario) {
    return List.of(
        new Fix(
            "reinject-after-delivery",
            "Agent: notice the dropped injection and inject it again",
            "Xen 4.9 drops an injection silently when an event is pending at the VM entry (HVMOP_inject_trap has already "
                + "returned 0). The agent must notice, for instance by the #BP or #PF never arriving, and inject it again after "
                + "the pending event has been delivered; better, inject only in answer to the event that paused the vCPU.",
            listener(scenario).connected()));
  }

  static List<Fix> ebusy(Scenario scenario) {
    ListenerConfig listener = listener(scenario);
    boolean ignores = listener.onBusy() == BusyPolicy.IGNORE;
    return List.of(
        new Fix(
            "retry-after-schedule-in",
            "Agent: retry an injection refused with -EBUSY after the vCPU has run",
            "A vCPU has one inject slot: while it holds an injection (inject_trap != -1) HVMOP_inject_trap returns -EBUSY. "
                + "Retry once the vCPU has been scheduled in and the slot is empty. Try it on the recorded choices: trapscope replay TRACE -o NEW --set "
                + "introspection.listener.onBusy=retry" + (ignores ? "" : " (already so here: raise introspection.listener.retriesMax)"),
            ignores || listener.retriesMax() < 64),
        new Fix(
            "check-return-code",
            "Agent: check the return code of every injection",
            "LibVMI and DRAKVUF check what xc_hvm_inject_trap returns and keep the injection until it is accepted; an agent "
                + "that drops -EBUSY loses the injection without a trace.",
            listener.connected()));
  }

  static List<Fix> answerSync(Scenario scenario) {
    return List.of(
        new Fix(
            "answer-sync",
            "Agent: answer every request that paused its vCPU",
            "A request carrying MEM_EVENT_FLAG_VCPU_PAUSED keeps its vCPU paused, and its ring slot taken, until the agent's "
                + "response. Answer every one, including those the agent has no use for. Try it on the recorded choices: trapscope replay TRACE -o NEW --set "
                + "introspection.listener.answerSync=true",
            !listener(scenario).answerSync()));
  }

  static List<Fix> ringDrop(Scenario scenario) {
    boolean xen41 = scenario.machine().xen() == XenVersion.XEN_4_1;
    return List.of(
        new Fix(
            "xen-4.2-wait-for-slot",
            "Run Xen 4.2 or later: the vCPU waits for a ring slot",
            "Xen 4.2's 3643a96119 \"Do not lose guest events\" makes a vCPU that finds the ring full wait for a slot and put "
                + "its request then, instead of dropping it. Try it on the recorded choices: trapscope replay TRACE -o NEW --set machine.xen=xen-4.2",
            xen41),
        new Fix(
            "handle-event-errors",
            "Do not ignore the return codes of hvm_memory_event_cr*",
            "Tim Deegan on the seed patch: \"You defined the hvm_memory_event_foo() functions to return error codes but you "
                + "don't handle them in the caller.\" In Xen 4.1 the callers ignore them, so a full ring loses the event for good.",
            xen41),
        new Fix(
            "bigger-ring-faster-agent",
            "Agent: a bigger ring, or answer faster",
            "Fewer requests waiting means fewer drops: more ring slots or a shorter latency per request. Try it on the recorded choices: "
                + "trapscope replay TRACE -o NEW --set introspection.ringSlots=256 --set introspection.listener.latencyTicksMax=4",
            listener(scenario).connected()));
  }

  static List<Fix> int3Length(Scenario scenario) {
    ListenerConfig listener = listener(scenario);
    boolean wrong = listener.reinjectType() == InjectionType.HARDWARE || listener.reinjectLength() == 0;
    return List.of(
        new Fix(
            "reinject-sw-length",
            "Agent: re-inject INT3 as a software exception with its real length",
            "Re-inject a guest's INT3 with HVMOP_TRAP_sw_exc and the INT3's instruction length, 1 for 0xCC, so that delivery "
                + "moves RIP past it. Xen 4.8 and later report it in the event (software_breakpoint.insn_length); LibVMI added it "
                + "in PR #348; xen-access in Xen 4.2 to 4.4 passed 0. Try it on the recorded choices: trapscope replay TRACE -o NEW --set "
                + "introspection.listener.reinjectType=sw --set introspection.listener.reinjectLength=1",
            wrong && scenario.machine().xen() != XenVersion.XEN_4_1));
  }

  static List<Fix> selfParameter(Scenario scenario) {
    return List.of(
        new Fix(
            "xen-4.2-eperm",
            "Run Xen 4.2 or later: a domain cannot set its own memory-event parameters",
            "Tim Deegan on the seed patch: \"You need to make sure a VM can't set this param on itself, or else this "
                + "domain_pause() can deadlock Xen.\" Xen 4.2 refuses with -EPERM (if ( d == current->domain ) rc = -EPERM;). "
                + "Try it on the recorded choices: trapscope replay TRACE -o NEW --set machine.xen=xen-4.2",
            scenario.machine().xen() == XenVersion.XEN_4_1));
  }
}
