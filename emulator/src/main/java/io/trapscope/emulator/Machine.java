package io.trapscope.emulator;

import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.emulator.choice.ChoiceSource;
import io.trapscope.model.scenario.EventSource;
import io.trapscope.model.scenario.Hypervisor;
import io.trapscope.model.scenario.MachineConfig;
import io.trapscope.model.scenario.Patch;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.AwayReason;
import io.trapscope.model.vocabulary.ControlRegister;
import io.trapscope.model.vocabulary.CrashReason;
import io.trapscope.model.vocabulary.EndReason;
import io.trapscope.model.vocabulary.EventKind;
import io.trapscope.model.vocabulary.SwitchReason;
import io.trapscope.model.vocabulary.TrapOutcome;
import io.trapscope.model.vocabulary.VmEntryFailure;
import io.trapscope.model.vocabulary.WakeReason;
import io.trapscope.model.workload.Operation;
import io.trapscope.model.workload.Program;
import io.trapscope.model.workload.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Runs one scenario: steps every vCPU once per tick, runs the guest's tasks and scheduler, and reports
 * each event, trap and choice to the sink.
 *
 * <p>The guest kernel's lazy FPU is part of the machine, called directly, because it runs on every context
 * switch and FPU operation; the hypervisor's features are the {@link Feature}s {@link Features} builds for
 * the scenario, an empty array for a guest without any, so that such a guest pays a zero-length loop for
 * them. Both reach the machine only through {@link MachineServices}.
 */
public final class Machine implements MachineServices {

  /** A countdown longer than any run: what "never" means for preemption, blocking or descheduling. */
  private static final long COUNTDOWN_MAX = 1L << 40;
  /** Live tasks at once; the validator's bounds on loops and tasks keep a scenario far below it. */
  private static final int LIVE_TASKS_MAX = 1 << 16;

  private final Scenario scenario;
  private final ChoiceSource choices;
  private final EventSink sink;
  private final Hypervisor hypervisor;
  private final Workload workload;
  private final LazyFpu fpu;
  private final TrapTable traps;
  private final Vcpu[] vcpus;
  /** The hypervisor's features, in registration order; every hook is called on each. */
  private final Feature[] features;
  /** Whether {@link #features} is not empty: one flag to test on the per-operation path, as cheap as it gets. */
  private final boolean hasFeatures;
  /** The features that look at every system call: usually none, so the system call path skips them. */
  private final Feature[] syscallHooks;
  /** The feature that carries out each operation the machine does not, by {@link Operation} ordinal. */
  private final Feature[] operationHandlers = new Feature[Operation.values().length];
  /** Whether a context switch loads CR3 with {@code mov} (bare metal and HVM; PV uses a hypercall). */
  private final boolean writesCr3;
  private final List<Task> runQueue = new ArrayList<>();
  private final PriorityQueue<Task> sleepers =
      new PriorityQueue<>(Comparator.comparingLong((Task task) -> task.wakeTick).thenComparingInt(task -> task.id));
  private final long maxEvents;
  private final long maxTicks;
  private int[] candidates = new int[16];

  private long tick;
  private long seq;
  private int nextTaskId;
  private int liveTasks;
  private EndReason endReason;
  private boolean started;

  /** A machine for one run of {@code scenario}, asking {@code choices} and telling {@code sink}. */
  public Machine(Scenario scenario, ChoiceSource choices, EventSink sink) {
    this.scenario = scenario;
    this.choices = choices;
    this.sink = sink;
    MachineConfig machine = scenario.machine();
    this.hypervisor = machine.hypervisor();
    this.workload = Workload.of(scenario.workload());
    this.fpu =
        new LazyFpu(this, hypervisor, machine.kernel(), scenario.guest(), machine.eagerfpu(), machine.has(Patch.KONRAD_STTS));
    this.traps = new TrapTable(sink);
    this.vcpus = new Vcpu[machine.vcpus()];
    for (int id = 0; id < vcpus.length; id++) {
      vcpus[id] = new Vcpu(id, fpu.tsAtBoot());
    }
    this.features = Features.build(this, scenario, vcpus);
    this.hasFeatures = features.length > 0;
    List<Feature> hooks = new ArrayList<>();
    for (Feature feature : features) {
      if (feature.hooksSyscalls()) {
        hooks.add(feature);
      }
      for (Operation operation : Operation.values()) {
        if (feature.handles(operation)) {
          Invariants.check(operationHandlers[operation.ordinal()] == null, "two features handle operation %d", operation.ordinal());
          operationHandlers[operation.ordinal()] = feature;
        }
      }
    }
    this.syscallHooks = hooks.toArray(new Feature[0]);
    this.writesCr3 = !hypervisor.isParavirtual();
    this.maxEvents = scenario.limits().maxEvents();
    this.maxTicks = scenario.limits().maxTicks();
  }

  /** Runs the scenario to its end; a machine runs once. */
  public RunResult run() {
    Invariants.check(!started, "a machine runs once");
    started = true;
    try {
      for (Integer program : workload.initialPrograms()) {
        Task task = createTask(workload.programs().get(program), null, vcpus[0]);
        emit(vcpus[0], -1, EventKind.TASK_SPAWN, task.id, 0);
      }
      for (Vcpu vcpu : vcpus) {
        drawDeschedule(vcpu);
      }
      for (Feature feature : features) {
        feature.boot();
      }
      loop();
    } catch (RunStopped stopped) {
      Invariants.check(endReason != null, "run stopped without a reason");
    }
    for (Feature feature : features) {
      feature.finish();
    }
    traps.finish(endReason == EndReason.DOMAIN_CRASH ? TrapOutcome.DOMAIN_CRASH : TrapOutcome.PENDING_AT_END);
    return new RunResult(endReason, seq, tick, nextTaskId, liveTasks == 0);
  }

  private void loop() {
    while (true) {
      if (tick >= maxTicks) {
        endReason = EndReason.MAX_TICKS;
        return;
      }
      for (Feature feature : features) {
        feature.beforeTick(tick);
      }
      for (Vcpu vcpu : vcpus) {
        step(vcpu);
      }
      tick++;
      wakeDue();
      if (liveTasks == 0) {
        endReason = EndReason.COMPLETED;
        return;
      }
      if (!canRunNow()) {
        long next = nextWakeTick();
        if (next == Long.MAX_VALUE) {
          endReason = EndReason.DEADLOCK;
          return;
        }
        tick = Math.min(Math.max(tick, next), maxTicks);
        wakeDue();
      }
    }
  }

  private void step(Vcpu vcpu) {
    if (vcpu.awayUntilTick > tick) {
      return;
    }
    if (vcpu.awayUntilTick >= 0) {
      vcpu.awayUntilTick = -1;
      emit(vcpu, vcpu.currentId(), EventKind.VCPU_RESUME, AwayReason.PREEMPTED.code(), 0);
      drawDeschedule(vcpu);
      vcpu.scheduleInDue = true;
    }
    if (hasFeatures && !runnable(vcpu)) {
      return;
    }
    if (vcpu.current == null) {
      Task next = pickNext(vcpu, null);
      if (next == null) {
        if (!vcpu.halted) {
          vcpu.halted = true;
          if (hypervisor.isXen()) {
            emit(vcpu, -1, EventKind.VCPU_DESCHEDULE, AwayReason.HALTED.code(), 0);
          }
        }
        return;
      }
      if (vcpu.halted) {
        vcpu.halted = false;
        vcpu.scheduleInDue = true;
        if (hypervisor.isXen()) {
          emit(vcpu, -1, EventKind.VCPU_RESUME, AwayReason.HALTED.code(), 0);
        }
      }
      switchTo(vcpu, null, next, SwitchReason.FROM_IDLE.code());
      return;
    }
    if (hasFeatures && !enter(vcpu, vcpu.current)) {
      return;
    }
    runTask(vcpu, vcpu.current);
    if (hasFeatures && !runnable(vcpu)) {
      return;
    }
    if (vcpu.current != null && --vcpu.stepsUntilDeschedule <= 0) {
      MachineConfig machine = scenario.machine();
      long ticks =
          range(ChoicePoint.HV_DESCHEDULE_TICKS, vcpu, null, machine.hvDescheduleTicksMin(), machine.hvDescheduleTicksMax());
      emit(vcpu, vcpu.currentId(), EventKind.VCPU_DESCHEDULE, AwayReason.PREEMPTED.code(), ticks);
      vcpu.awayUntilTick = tick + 1 + ticks;
    }
  }

  /** One step of the task running on {@code vcpu}: a kernel continuation or one user operation. */
  private void runTask(Vcpu vcpu, Task task) {
    if (task.resume == Task.RESUME_NM_AFTER_ALLOCATION) {
      task.resume = Task.RESUME_USER;
      fpu.resumeAfterAllocation(vcpu, task);
      return;
    }
    if (task.resume == Task.RESUME_SYSCALL_RETURN) {
      task.resume = Task.RESUME_USER;
      task.advance();
      if (task.done) {
        exit(vcpu, task);
        return;
      }
    }
    Program program = task.program;
    Operation operation = program.operation(task.pc);
    switch (operation) {
      case FPU_WRITE:
        if (vcpu.ts()) {
          fpu.deviceNotAvailable(vcpu, task);
          return;
        }
        long pattern = pattern(task.id, task.round);
        vcpu.fpuValue = pattern;
        vcpu.fpuOwner = task.id;
        task.lastWritten = pattern;
        emit(vcpu, task.id, EventKind.FPU_WRITE, pattern, 0);
        break;
      case FPU_READ:
        if (vcpu.ts()) {
          fpu.deviceNotAvailable(vcpu, task);
          return;
        }
        if (vcpu.fpuOwner != task.id || vcpu.fpuValue != task.lastWritten) {
          task.exitCode = 2;
        }
        emit(vcpu, task.id, EventKind.FPU_READ, vcpu.fpuValue, task.lastWritten);
        break;
      case SYSCALL:
        if (syscallHooks.length > 0 && !passHooks(vcpu, task, program.operand(task.pc))) {
          return;
        }
        if (task.syscallsUntilBlock <= 0) {
          task.syscallsUntilBlock =
              geometric(ChoicePoint.SYSCALL_BLOCKS, vcpu, task, workload.syscallBlockProbability(), COUNTDOWN_MAX);
        }
        boolean blocks = --task.syscallsUntilBlock == 0;
        long ticks =
            blocks
                ? range(ChoicePoint.SYSCALL_TICKS, vcpu, task, workload.syscallBlockTicksMin(), workload.syscallBlockTicksMax())
                : 0;
        emit(vcpu, task.id, EventKind.SYSCALL, program.operand(task.pc), ticks);
        if (blocks) {
          task.resume = Task.RESUME_SYSCALL_RETURN;
          sleep(vcpu, task, ticks, WakeReason.SYSCALL.code());
          return;
        }
        break;
      case COMPUTE:
        break;
      case SPAWN:
        Task child = createTask(workload.programs().get(program.operand(task.pc)), task, vcpu);
        emit(vcpu, task.id, EventKind.TASK_SPAWN, child.id, 0);
        break;
      case WAIT:
        if (task.liveChildren > 0) {
          task.state = Task.BLOCKED;
          task.waitingForChild = true;
          schedule(vcpu, task, SwitchReason.BLOCKED.code());
          return;
        }
        break;
      default:
        if (!otherOperation(vcpu, task, operation, program.operand(task.pc))) {
          return;
        }
        break;
    }
    task.advance();
    if (task.done) {
      exit(vcpu, task);
      return;
    }
    if (hasFeatures && !runnable(vcpu)) {
      return;
    }
    if (task.opsUntilPreempt <= 0) {
      task.opsUntilPreempt = drawPreemption(vcpu, task);
    }
    if (--task.opsUntilPreempt == 0) {
      preempt(vcpu, task);
    }
  }

  /**
   * The operations besides the FPU's and the scheduler's, kept out of {@link #runTask} so that the lazy-FPU
   * path stays small enough for the JIT to inline: TLB flushes are the CPU's, the rest belong to a
   * feature. Returns whether the operation is done.
   */
  private boolean otherOperation(Vcpu vcpu, Task task, Operation operation, int operand) {
    switch (operation) {
      case TLB_FLUSH:
        writeControlRegister(vcpu, task, EventSource.CR3, vcpu.cr3);
        return true;
      case GLOBAL_FLUSH:
        writeControlRegister(vcpu, task, EventSource.CR4, vcpu.cr4 & ~Vcpu.CR4_PGE);
        writeControlRegister(vcpu, task, EventSource.CR4, vcpu.cr4 | Vcpu.CR4_PGE);
        return true;
      default:
        Feature handler = operationHandlers[operation.ordinal()];
        if (handler == null) {
          throw new IllegalStateException("no feature of this machine carries out " + operation);
        }
        return handler.operation(vcpu, task, operation, operand);
    }
  }

  /** The features that look at system calls see this one first; returns whether the task got past them all. */
  private boolean passHooks(Vcpu vcpu, Task task, int syscall) {
    for (Feature feature : syscallHooks) {
      if (!feature.beforeSyscall(vcpu, task, syscall)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every feature lets the vCPU run. */
  private boolean runnable(Vcpu vcpu) {
    for (Feature feature : features) {
      if (!feature.runnable(vcpu)) {
        return false;
      }
    }
    return true;
  }

  /** The vCPU enters guest code for {@code task}; returns whether every feature lets the task run. */
  private boolean enter(Vcpu vcpu, Task task) {
    for (Feature feature : features) {
      if (!feature.enter(vcpu, task)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The data a task writes in a round, readable in SQL: {@code task * 1000 + n}, n the round counted from
   * 1 and wrapping after 999, so 41001 is task 41's first write. Never 0, the initial state's value.
   */
  static long pattern(int taskId, int round) {
    return taskId * 1000L + round % 999 + 1;
  }

  private void exit(Vcpu vcpu, Task task) {
    emit(vcpu, task.id, EventKind.TASK_EXIT, task.exitCode, 0);
    task.state = Task.EXITED;
    liveTasks--;
    Task parent = task.parent;
    if (parent != null && --parent.liveChildren == 0 && parent.waitingForChild) {
      parent.waitingForChild = false;
      makeRunnable(parent, WakeReason.CHILD.code());
    }
    schedule(vcpu, task, SwitchReason.EXITED.code());
  }

  /** The timer tick: the task goes to the back of the run queue, unless nothing else could run. */
  private void preempt(Vcpu vcpu, Task task) {
    if (runQueue.isEmpty()) {
      return;
    }
    task.state = Task.RUNNABLE;
    runQueue.add(task);
    Task next = pickNext(vcpu, task);
    if (next == task) {
      task.state = Task.RUNNING;
      return;
    }
    switchTo(vcpu, task, next, SwitchReason.PREEMPTED.code());
  }

  @Override
  public void sleep(Vcpu vcpu, Task task, long ticks, int reason) {
    task.state = Task.BLOCKED;
    task.wakeTick = tick + ticks;
    task.wakeReason = reason;
    sleepers.add(task);
    schedule(vcpu, task, SwitchReason.BLOCKED.code());
  }

  private void schedule(Vcpu vcpu, Task previous, int reason) {
    switchTo(vcpu, previous, pickNext(vcpu, previous), reason);
  }

  private void switchTo(Vcpu vcpu, Task previous, Task next, int reason) {
    if (next != null && writesCr3 && next.cr3() != vcpu.cr3) {
      writeControlRegister(vcpu, previous, EventSource.CR3, next.cr3());
    }
    boolean restores = fpu.prepareSwitch(vcpu, previous, next);
    vcpu.current = next;
    if (next != null) {
      next.state = Task.RUNNING;
      next.lastVcpu = vcpu.id;
    }
    emit(vcpu, vcpu.currentId(), EventKind.TASK_SWITCH, previous == null ? -1 : previous.id, reason);
    if (next != null) {
      fpu.finishSwitch(vcpu, next, restores);
    }
  }

  /** Takes the next task off the run queue, or null if it is empty. */
  private Task pickNext(Vcpu vcpu, Task previous) {
    int count = runQueue.size();
    if (count == 0) {
      return null;
    }
    long ordinal = nextOrdinal(ChoicePoint.SCHED_PICK, vcpu, previous);
    int index = 0;
    if (count > 1) {
      if (candidates.length < count) {
        candidates = new int[Math.max(count, candidates.length * 2)];
      }
      for (int position = 0; position < count; position++) {
        candidates[position] = runQueue.get(position).id;
      }
      int chosen = choices.pick(ChoicePoint.SCHED_PICK, vcpu.id, idOf(previous), ordinal, candidates, count);
      sink.choice(seq, ChoicePoint.SCHED_PICK, vcpu.id, idOf(previous), ordinal, chosen);
      index = indexOf(chosen);
    }
    Task next = runQueue.remove(index);
    Invariants.check(next.state == Task.RUNNABLE, "task %d queued but not runnable", next.id);
    return next;
  }

  private int indexOf(int taskId) {
    for (int position = 0; position < runQueue.size(); position++) {
      if (runQueue.get(position).id == taskId) {
        return position;
      }
    }
    throw new ChoiceMismatchException(ChoicePoint.SCHED_PICK, "task " + taskId + " is not runnable");
  }

  private Task createTask(Program program, Task parent, Vcpu vcpu) {
    Invariants.check(liveTasks < LIVE_TASKS_MAX, "more than %d live tasks", LIVE_TASKS_MAX);
    Task task = new Task(nextTaskId++, parent, program, vcpu.id);
    if (fpu.usedMathAtFork()) {
      task.usedMath = true;
    }
    if (parent != null) {
      parent.liveChildren++;
    }
    liveTasks++;
    runQueue.add(task);
    return task;
  }

  private void makeRunnable(Task task, int reason) {
    task.state = Task.RUNNABLE;
    runQueue.add(task);
    emit(vcpus[task.lastVcpu], task.id, EventKind.TASK_WAKE, reason, 0);
  }

  private void wakeDue() {
    while (!sleepers.isEmpty() && sleepers.peek().wakeTick <= tick) {
      Task task = sleepers.poll();
      makeRunnable(task, task.wakeReason);
    }
  }

  /** Whether some vCPU can do something at the current tick. */
  private boolean canRunNow() {
    for (Vcpu vcpu : vcpus) {
      boolean away = vcpu.awayUntilTick > tick || !runnable(vcpu);
      if (!away && (vcpu.current != null || !runQueue.isEmpty() || vcpu.awayUntilTick >= 0)) {
        return true;
      }
    }
    return false;
  }

  private long nextWakeTick() {
    long next = sleepers.isEmpty() ? Long.MAX_VALUE : sleepers.peek().wakeTick;
    for (Feature feature : features) {
      next = Math.min(next, feature.nextWakeTick());
    }
    for (Vcpu vcpu : vcpus) {
      if (vcpu.awayUntilTick >= 0) {
        next = Math.min(next, vcpu.awayUntilTick);
      }
    }
    return next;
  }

  /**
   * User operations until the timer preempts {@code task}: a per-operation chance, drawn as the wait for
   * the first success, which is the same distribution and one choice per preemption instead of one per
   * operation.
   */
  private long drawPreemption(Vcpu vcpu, Task task) {
    return geometric(ChoicePoint.SCHED_PREEMPT, vcpu, task, scenario.guest().preemptProbability(), COUNTDOWN_MAX);
  }

  private void drawDeschedule(Vcpu vcpu) {
    double probability = hypervisor.isXen() ? scenario.machine().hvDescheduleProbability() : 0;
    vcpu.stepsUntilDeschedule = geometric(ChoicePoint.HV_DESCHEDULE, vcpu, null, probability, COUNTDOWN_MAX);
  }

  /**
   * {@code mov} to CR3 or CR4 by the task running on the vCPU ({@code switch_mm} runs before the switch, in
   * the outgoing task): the register changes, then Xen may send an event.
   */
  private void writeControlRegister(Vcpu vcpu, Task task, EventSource register, long value) {
    long old = register == EventSource.CR3 ? vcpu.cr3 : vcpu.cr4;
    if (register == EventSource.CR3) {
      vcpu.cr3 = value;
    } else {
      vcpu.cr4 = value;
    }
    emit(vcpu, idOf(task), EventKind.CR_WRITE, value, (register == EventSource.CR3 ? ControlRegister.CR3 : ControlRegister.CR4).code());
    controlRegisterWritten(vcpu, task, register, old, value);
  }

  @Override
  public void controlRegisterWritten(Vcpu vcpu, Task task, EventSource register, long old, long value) {
    for (Feature feature : features) {
      feature.controlRegisterWritten(vcpu, task, register, old, value);
    }
  }

  @Override
  public void shutdown(Vcpu vcpu, Task task, int code) {
    emit(vcpu, idOf(task), EventKind.DOMAIN_SHUTDOWN, code, 0);
    endReason = EndReason.DOMAIN_SHUTDOWN;
    throw RunStopped.INSTANCE;
  }

  @Override
  public void vmEntryFailed(Vcpu vcpu, Task task, int vector, VmEntryFailure why) {
    long seq = emit(vcpu, idOf(task), EventKind.VMENTRY_FAIL, vector, why.code());
    emit(vcpu, idOf(task), EventKind.DOMAIN_CRASH, CrashReason.VMENTRY_FAILED.code(), seq);
    endReason = EndReason.VMENTRY_FAILED;
    throw RunStopped.INSTANCE;
  }

  @Override
  public void panic(Vcpu vcpu, Task task, int vector) {
    emit(vcpu, idOf(task), EventKind.GUEST_PANIC, vector, 0);
    endReason = EndReason.GUEST_PANIC;
    throw RunStopped.INSTANCE;
  }

  @Override
  public long tick() {
    return tick;
  }

  @Override
  public long lastSeq() {
    return seq - 1;
  }

  @Override
  public void crash(Vcpu vcpu, Task task, int reason, long detail) {
    emit(vcpu, task.id, EventKind.DOMAIN_CRASH, reason, detail);
    endReason = EndReason.DOMAIN_CRASH;
    throw RunStopped.INSTANCE;
  }

  @Override
  public long emit(Vcpu vcpu, int task, EventKind kind, long value, long aux) {
    if (seq >= maxEvents) {
      endReason = EndReason.MAX_EVENTS;
      throw RunStopped.INSTANCE;
    }
    // An event raises at most one trap: stop, as at a limit, before the table would hold more than it may.
    if (traps.held() >= TrapTable.OPEN_MAX - 1) {
      endReason = EndReason.MAX_OPEN_TRAPS;
      throw RunStopped.INSTANCE;
    }
    sink.event(seq, tick, vcpu.id, task, kind, vcpu.ts(), vcpu.fpuOwner, value, aux);
    return seq++;
  }

  @Override
  public TrapTable traps() {
    return traps;
  }

  @Override
  public boolean chance(ChoicePoint point, Vcpu vcpu, Task task, double probability) {
    long ordinal = nextOrdinal(point, vcpu, task);
    if (probability <= 0 || probability >= 1) {
      return probability >= 1;
    }
    boolean answer = choices.chance(point, vcpu.id, idOf(task), ordinal, probability);
    sink.choice(seq, point, vcpu.id, idOf(task), ordinal, answer ? 1 : 0);
    return answer;
  }

  @Override
  public long range(ChoicePoint point, Vcpu vcpu, Task task, long min, long max) {
    long ordinal = nextOrdinal(point, vcpu, task);
    if (min == max) {
      return min;
    }
    long answer = choices.range(point, vcpu.id, idOf(task), ordinal, min, max);
    if (answer < min || answer > max) {
      throw new ChoiceMismatchException(point, "answer " + answer + " outside [" + min + ", " + max + "]");
    }
    sink.choice(seq, point, vcpu.id, idOf(task), ordinal, answer);
    return answer;
  }

  @Override
  public long geometric(ChoicePoint point, Vcpu vcpu, Task task, double probability, long max) {
    long ordinal = nextOrdinal(point, vcpu, task);
    if (probability <= 0 || probability >= 1) {
      return probability >= 1 ? 1 : max;
    }
    long answer = choices.geometric(point, vcpu.id, idOf(task), ordinal, probability, max);
    if (answer < 1 || answer > max) {
      throw new ChoiceMismatchException(point, "answer " + answer + " outside [1, " + max + "]");
    }
    sink.choice(seq, point, vcpu.id, idOf(task), ordinal, answer);
    return answer;
  }

  /** Counts a question of {@code point}, per task, or per vCPU when no task is involved. */
  private static long nextOrdinal(ChoicePoint point, Vcpu vcpu, Task task) {
    long[] ordinals = task == null ? vcpu.choiceOrdinals : task.choiceOrdinals;
    return ordinals[point.ordinal()]++;
  }

  private static int idOf(Task task) {
    return task == null ? -1 : task.id;
  }
}
