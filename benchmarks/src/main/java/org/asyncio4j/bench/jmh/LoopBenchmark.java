package org.asyncio4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.bench.Workload;
import org.asyncio4j.bench.WorkloadsAsync;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The asyncio4j workloads on the real runtime, each invocation one {@link Asyncio#run} of the
 * workload's coroutine from {@link WorkloadsAsync}; scores are per operation (per yield, task,
 * switch, timer or chain). With {@code -prof gc}, {@code gc.alloc.rate.norm} is the allocation per
 * operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LoopBenchmark {
  static final int YIELDS = 100_000;
  static final int TASKS = 100_000;
  static final int GATHERED = 100_000;
  static final int SWITCHES = 100_000;
  static final int TIMERS = 1_000_000;
  static final int CHAINS = 10_000;

  /** Suspend/resume through the loop: {@code Await.of(sleep(0))}. */
  @Benchmark
  @OperationsPerInvocation(YIELDS)
  public long yieldSleep0() {
    return Asyncio.run(WorkloadsAsync.yields(YIELDS));
  }

  /** Create + run + complete a task (created in batches of 1000, each awaited). */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  public long createRunCompleteTask() {
    return Asyncio.run(WorkloadsAsync.spawn(TASKS));
  }

  /** {@code gather} over 100k trivial coroutines; per task. */
  @Benchmark
  @OperationsPerInvocation(GATHERED)
  public long gather100k() {
    return Asyncio.run(WorkloadsAsync.gatherAll(GATHERED));
  }

  /** Two tasks handing a value back and forth through futures; per switch. */
  @Benchmark
  @OperationsPerInvocation(SWITCHES)
  public long pingPong() {
    return Asyncio.run(WorkloadsAsync.pingPong(SWITCHES / 2));
  }

  /** 1M timers over 1 ms in random order, all fired; per timer. */
  @Benchmark
  @OperationsPerInvocation(TIMERS)
  public long timers1M() {
    return Asyncio.run(WorkloadsAsync.timers(TIMERS));
  }

  /** A call chain of 100 coroutines, each awaiting the next; per chain. */
  @Benchmark
  @OperationsPerInvocation(CHAINS)
  public long chain100() {
    return Asyncio.run(WorkloadsAsync.chains(CHAINS, Workload.CHAIN_DEPTH));
  }
}
