package io.trapscope.model.vocabulary;

import static io.trapscope.model.vocabulary.Field.code;
import static io.trapscope.model.vocabulary.Field.data;
import static io.trapscope.model.vocabulary.Field.errorCode;
import static io.trapscope.model.vocabulary.Field.flag;
import static io.trapscope.model.vocabulary.Field.hex;
import static io.trapscope.model.vocabulary.Field.number;
import static io.trapscope.model.vocabulary.Field.seq;
import static io.trapscope.model.vocabulary.Field.task;
import static io.trapscope.model.vocabulary.Field.ticks;
import static io.trapscope.model.vocabulary.Field.trapId;
import static io.trapscope.model.vocabulary.Field.vector;
import static io.trapscope.model.vocabulary.Field.zero;

import java.util.HashMap;
import java.util.Map;

/**
 * What an event records: the one definition of every event kind, with the family it belongs to, what its
 * {@code task}, {@code value} and {@code aux} mean (the words of docs/TRACE_FORMAT.md, which a test holds
 * to these), how each number is read, and how a report spells the event out. Every event also carries
 * CR0.TS and the FPU owner of its vCPU as they are after it.
 */
public enum EventKind {
  TASK_SPAWN(
      Family.COMMON,
      "the parent (-1 at boot)",
      task("the new task's id"),
      zero("0"),
      "task {value} created"),
  TASK_SWITCH(
      Family.COMMON,
      "the incoming task (-1 idle)",
      task("the outgoing task (-1 idle)"),
      code("why: 0 blocked or slept, 1 preempted by the timer, 2 exited, 3 the vCPU was idle", SwitchReason.class),
      "from {value}, {aux}"),
  TASK_WAKE(
      Family.COMMON,
      "the task made runnable",
      code("what it waited for: 0 system call, 1 allocation, 2 child exit", WakeReason.class),
      zero("0"),
      "after its {value}"),
  TASK_EXIT(
      Family.COMMON,
      "the task",
      number("exit status: 0, or 2 when one of its reads saw data it did not write (the seed's test program returns 2)"),
      zero("0"),
      "status {value}"),
  SYSCALL(
      Family.COMMON,
      "the task",
      number("the system call number (12 `brk`, 110 `getppid`)"),
      ticks("ticks it blocks, 0 if it returns at once"),
      "{value}, blocks {aux}"),
  FPU_WRITE(
      Family.LAZY_FPU,
      "the task",
      data("the data written"),
      zero("0"),
      "{value}"),
  FPU_READ(
      Family.LAZY_FPU,
      "the task",
      data("the data observed"),
      data("the data the task last wrote; `fpu_owner` is the owner observed"),
      "saw {value}, wrote {aux}"),
  FPU_INIT(
      Family.LAZY_FPU,
      "the task",
      zero("0"),
      flag("1 if the allocation slept first", "after the allocation slept", ""),
      "{aux}"),
  FPU_SAVE(
      Family.LAZY_FPU,
      "the outgoing task",
      data("the data saved into its area (`fpu_owner` says whose it is)"),
      zero("0"),
      "{value}"),
  FPU_RESTORE(
      Family.LAZY_FPU,
      "the task",
      data("the data loaded from its area"),
      code("0 in the #NM handler, 1 preloaded at a switch", RestoreWhere.class),
      "{value} {aux}"),
  CR_WRITE(
      Family.COMMON,
      "the task",
      hex("the control register's new value"),
      code("its number: 0 CR0, 3 CR3, 4 CR4", ControlRegister.class),
      "{aux} = {value}"),
  HYPERCALL(
      Family.LAZY_FPU,
      "the task",
      code("the hypercall number (5 `fpu_taskswitch`)", Hypercall.class),
      number("its argument (for `fpu_taskswitch`, 1 sets TS, 0 clears it)"),
      "{value}({aux})"),
  NM_RAISE(
      Family.LAZY_FPU,
      "the task",
      vector("7"),
      number("#NM handlers already running on the task's kernel stack (0 normally; more is a nested #NM)"),
      "{value}, {aux} handlers open"),
  NM_ENTER(
      Family.LAZY_FPU,
      "the task",
      vector("7"),
      number("the handler's nesting depth, 1 for the first"),
      "{value} handler, depth {aux}"),
  NM_EXIT(
      Family.LAZY_FPU,
      "the task",
      vector("7"),
      number("the depth it returns from"),
      "{value} handler, depth {aux}"),
  IRQ_ENABLE(
      Family.LAZY_FPU,
      "the task",
      zero("0"),
      zero("0"),
      ""),
  IRQ_DISABLE(
      Family.LAZY_FPU,
      "the task",
      zero("0"),
      zero("0"),
      ""),
  ALLOC_SLEEP(
      Family.LAZY_FPU,
      "the task",
      zero("0"),
      ticks("ticks the FPU-area allocation sleeps; the scheduler runs other tasks meanwhile"),
      "for {aux}"),
  VCPU_DESCHEDULE(
      Family.COMMON,
      "the task on the vCPU, -1 if idle",
      code("0 preempted by Xen's scheduler, 1 halted by the idle guest", AwayReason.class),
      ticks("ticks away, if known (0 for a halt)"),
      "{value}, {aux} away"),
  VCPU_RESUME(
      Family.COMMON,
      "the task on the vCPU, -1 if idle",
      code("why it had stopped, as above", AwayReason.class),
      zero("0"),
      "after {value}"),
  DOMAIN_CRASH(
      Family.COMMON,
      "the task",
      code("why: 1 the kernel stack overflowed with nested #NM handlers, 2 Xen's VM entry failed (`vm_resume_fail`)", CrashReason.class),
      number("for 1, the nesting depth; for 2, `seq` of the `VMENTRY_FAIL`"),
      "{value} ({aux})"),
  BREAKPOINT(
      Family.MEMORY_EVENTS,
      "the task",
      hex("the INT3's address (kernel addresses are negative as int64)"),
      flag("1 if it is one of the listener's own breakpoints (a hooked system call handler), 0 if the guest's (its debugger's)", "the listener's hook", "the guest's own"),
      "INT3 at {value} ({aux})"),
  TRAP_RAISE(
      Family.MEMORY_EVENTS,
      "the task",
      vector("the vector raised by the CPU (14 #PF) or the virtual LAPIC (2 NMI, 239 the local timer)"),
      errorCode("the error code, -1 for none"),
      "{value}{aux}"),
  TRAP_DELIVER(
      Family.MEMORY_EVENTS,
      "the task",
      vector("the vector whose guest handler was entered"),
      number("bytes the delivery moved RIP past the trapping instruction: the instruction length of a software exception, 0 for anything else"),
      "{value} handler entered, RIP +{aux}"),
  DELIVERY_FAULT(
      Family.MEMORY_EVENTS,
      "the task",
      vector("the vector being delivered when pushing its frame faulted on the stack page; it stays pending, except a #BP or #OF, which Xen does not re-arm (`hvm_event_needs_reinjection`): the instruction executes again"),
      flag("1 if the listener write-protects the stack, so a violation request follows; 0 if Xen resolved the fault itself", "violation request", "Xen resolved it"),
      "{value}: delivery faulted on the stack; {aux}"),
  PARAM_SET(
      Family.MEMORY_EVENTS,
      "-1 when the control domain set it; the guest task when a guest set it on its own domain",
      code("the parameter: 20 CR0, 21 CR3, 22 CR4, 23 INT3 (`HVM_PARAM_MEMORY_EVENT_*`)", HvmParameter.class),
      code("the return code: 0, -1 `EPERM`, -22 `EINVAL`", ReturnCode.class),
      "{value} rc {aux}"),
  MEM_EVENT_PUT(
      Family.MEMORY_EVENTS,
      "the task the request is about (-1 none)",
      code("the reason (`MEM_EVENT_REASON_*`): 1 violation, 2 CR0, 3 CR3, 4 CR4, 5 INT3", MemoryEventReason.class),
      hex("the register's new value, or the address (INT3, violation)"),
      "{value} request ({aux})"),
  MEM_EVENT_DROP(
      Family.MEMORY_EVENTS,
      "as above",
      code("the reason", MemoryEventReason.class),
      hex("as above; the request was not put, the ring was full (Xen 4.1)"),
      "{value} request ({aux}) lost, ring full"),
  MEM_EVENT_RESPONSE(
      Family.MEMORY_EVENTS,
      "as above",
      code("the reason", MemoryEventReason.class),
      seq("`seq` of the `MEM_EVENT_PUT` it answers; its slot is free from here"),
      "{value}, answers seq {aux}"),
  VCPU_PAUSE(
      Family.MEMORY_EVENTS,
      "the task on the vCPU",
      code("why: 1 a sync request, 2 the ring was full (Xen 4.1 `_VPF_mem_event`), 3 waiting for a ring slot (4.2 and later), 4 few slots left after a put (4.9), 5 the domain paused itself (`domain_pause` in a guest's own `set_param`)", PauseReason.class),
      seq("`seq` of the event that caused it"),
      "{value} (seq {aux})"),
  VCPU_UNPAUSE(
      Family.MEMORY_EVENTS,
      "the task on the vCPU",
      code("the reason that was lifted, as above", PauseReason.class),
      seq("`seq` of the event that lifted it (the response)"),
      "{value} lifted"),
  INJECT_REQUEST(
      Family.MEMORY_EVENTS,
      "the task the injection is about",
      vector("vector (3 #BP re-injected, 14 #PF to page memory in)"),
      trapId("`trap_id` of the injection: the vCPU's slot holds it now"),
      "{value} (trap {aux}) accepted into the slot"),
  INJECT_EBUSY(
      Family.MEMORY_EVENTS,
      "as above",
      vector("vector"),
      trapId("`trap_id`; refused with -EBUSY, the slot was full"),
      "{value} (trap {aux}) refused, slot taken"),
  INJECT_ABANDON(
      Family.MEMORY_EVENTS,
      "as above",
      vector("vector"),
      trapId("`trap_id`; the listener gave up after -EBUSY (it ignores -EBUSY, or its retries ran out)"),
      "{value} (trap {aux}) given up"),
  INJECT_ENTRY(
      Family.MEMORY_EVENTS,
      "the task on the vCPU",
      vector("vector"),
      trapId("`trap_id`; at the vCPU's schedule-in `hvm_do_resume` took it out of the slot"),
      "{value} (trap {aux}) taken from the slot"),
  EVENT_OVERWRITE(
      Family.MEMORY_EVENTS,
      "the task on the vCPU",
      vector("the vector of the pending interrupt or NMI, now lost"),
      vector("the injected vector that replaced it"),
      "pending {value} lost to injected {aux}"),
  EVENT_DISCARD(
      Family.MEMORY_EVENTS,
      "the task on the vCPU",
      vector("the pending hardware exception `hvm_combine_hw_exceptions` discarded"),
      vector("the injected vector kept"),
      "pending {value} discarded, injected {aux} kept"),
  INJECT_DROP(
      Family.MEMORY_EVENTS,
      "the task on the vCPU",
      vector("the injected vector, dropped because an event was pending (Xen 4.9)"),
      vector("the pending vector, which stays"),
      "injected {value} dropped, pending {aux} kept"),
  DOUBLE_FAULT(
      Family.MEMORY_EVENTS,
      "the task on the vCPU",
      vector("the pending vector"),
      vector("the injected vector; together they became a pending #DF (`trap_id` of the #DF has `raised_seq` = this row)"),
      "pending {value} + injected {aux} = #DF"),
  TRIPLE_FAULT(
      Family.MEMORY_EVENTS,
      "the task on the vCPU",
      vector("8, the pending #DF"),
      vector("the injected vector"),
      "pending {value} + injected {aux}"),
  VMENTRY_FAIL(
      Family.MEMORY_EVENTS,
      "the task on the vCPU",
      vector("the vector of the event the VM entry carried (8 for an injection combined into #DF)"),
      code("why the processor refused it: 1 a software exception delivering an error code (a #DF that kept the injected #BP's software type), 2 a software exception of length 0, which this CPU does not allow", VmEntryFailure.class),
      "{value}: {aux}"),
  DOMAIN_SHUTDOWN(
      Family.MEMORY_EVENTS,
      "the task on the vCPU",
      code("Xen's shutdown code: 1 `SHUTDOWN_reboot` (`hvm_triple_fault`)", ShutdownCode.class),
      zero("0"),
      "({value})"),
  GUEST_PANIC(
      Family.MEMORY_EVENTS,
      "the task",
      vector("the vector whose handler panicked the kernel (8: `do_double_fault`)"),
      zero("0"),
      "in the {value} handler");

  private static final Map<String, EventKind> BY_NAME = new HashMap<>();

  static {
    for (EventKind kind : values()) {
      BY_NAME.put(kind.name(), kind);
    }
  }

  private final Family family;
  private final String task;
  private final Field value;
  private final Field aux;
  private final String template;

  EventKind(Family family, String task, Field value, Field aux, String template) {
    this.family = family;
    this.task = task;
    this.value = value;
    this.aux = aux;
    this.template = template;
  }

  /** The part of the machine it belongs to. */
  public Family family() {
    return family;
  }

  /** What the event's {@code task} column holds, as docs/TRACE_FORMAT.md says it. */
  public String taskMeaning() {
    return task;
  }

  /** What {@code value} holds and how a report reads it. */
  public Field value() {
    return value;
  }

  /** What {@code aux} holds and how a report reads it. */
  public Field aux() {
    return aux;
  }

  /** The kind followed by what its value and aux mean: "INJECT_REQUEST #BP (trap 387) accepted into the slot". */
  public String describe(long valueNumber, long auxNumber) {
    if (template.isEmpty()) {
      return name();
    }
    String text = template.replace("{value}", value.render(valueNumber)).replace("{aux}", aux.render(auxNumber));
    return name() + " " + text;
  }

  /** The kind called {@code name} in a trace, or null for a kind this version does not know. */
  public static EventKind byName(String name) {
    return BY_NAME.get(name);
  }
}
