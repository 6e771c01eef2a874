package io.trapscope.benchmarks;

import io.trapscope.emulator.EventSink;
import io.trapscope.emulator.Machine;
import io.trapscope.emulator.RunResult;
import io.trapscope.emulator.TrapRecord;
import io.trapscope.emulator.choice.ChoicePoint;
import io.trapscope.emulator.choice.RandomChoiceSource;
import io.trapscope.model.scenario.Scenario;
import io.trapscope.model.vocabulary.EventKind;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Emulator events per second without any I/O, for each model: every event goes to a blackhole. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Thread)
public class EmulatorBenchmark {
  /** The lazy-FPU model (the seed's case) or the memory-event and injection model. */
  @Param({"fpu-memcmp", "int3-reinject"})
  public String workload;

  private Scenario scenario;

  /** Reports events and choices per second beside runs per second. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Counts {
    public long events;
    public long choices;

    @Setup(Level.Iteration)
    public void clear() {
      events = 0;
      choices = 0;
    }
  }

  @Setup
  public void setUp() {
    scenario = workload.equals("fpu-memcmp") ? Workloads.memcmp(25_000) : Workloads.int3Reinject(5_000);
  }

  @Benchmark
  public RunResult run(Counts counts, Blackhole blackhole) {
    RunResult result = new Machine(scenario, new RandomChoiceSource(scenario.seed()), new BlackholeSink(blackhole, counts)).run();
    counts.events += result.events();
    return result;
  }

  private static final class BlackholeSink implements EventSink {
    private final Blackhole blackhole;
    private final Counts counts;

    BlackholeSink(Blackhole blackhole, Counts counts) {
      this.blackhole = blackhole;
      this.counts = counts;
    }

    @Override
    public void event(long seq, long tick, int vcpu, int task, EventKind kind, boolean ts, int fpuOwner, long value, long aux) {
      blackhole.consume(seq ^ tick ^ vcpu ^ task ^ kind.ordinal() ^ (ts ? 1 : 0) ^ fpuOwner ^ value ^ aux);
    }

    @Override
    public void trap(TrapRecord trap) {
      blackhole.consume(trap);
    }

    @Override
    public void choice(long seq, ChoicePoint point, int vcpu, int task, long ordinal, long value) {
      counts.choices++;
      blackhole.consume(value);
    }
  }
}
