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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** 1M items through a {@code Queue} (unbounded, maxsize 1, maxsize 1024) and lock hand-off. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueueLockBenchmark {
  static final int ITEMS = 1_000_000;
  static final int ACQUIRES = 100_000;

  /** The queue's bound, a parameter of the queue benchmark only. */
  @State(Scope.Benchmark)
  public static class Bound {
    /** The queue's maxsize; 0 is unbounded. */
    @Param({"0", "1", "1024"})
    public int maxsize;
  }

  /** One producer and one consumer task; per item. */
  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public long queue1M(Bound bound) {
    return Asyncio.run(WorkloadsAsync.queue(ITEMS, bound.maxsize));
  }

  /** Four tasks contending for a lock held across a {@code sleep(0)}; per acquisition. */
  @Benchmark
  @OperationsPerInvocation(ACQUIRES)
  public long lockHandOff() {
    return Asyncio.run(
        WorkloadsAsync.lockContention(ACQUIRES / Workload.LOCK_WORKERS, Workload.LOCK_WORKERS));
  }
}
