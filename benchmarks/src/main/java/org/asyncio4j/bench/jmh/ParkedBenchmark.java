package org.asyncio4j.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.bench.WorkloadsAsync;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Memory of parked coroutines: 100k tasks suspended on one pending future. The secondary result
 * {@code bytesPerParkedTask} is the heap used after full GCs with the tasks parked, minus the heap
 * used before creating them, divided by 100k (the primary score is the time of the whole run). One
 * measured iteration: JMH adds up event counters over iterations, and the figure is deterministic.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class ParkedBenchmark {
  static final int TASKS = 100_000;
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  /** The secondary result, reported by JMH next to the score. */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Bytes {
    public double bytesPerParkedTask;

    @Setup(Level.Iteration)
    public void clear() {
      bytesPerParkedTask = 0;
    }
  }

  @Benchmark
  public long parked100k(Bytes bytes) {
    long[] marks = new long[2];
    int[] calls = new int[1];
    long sum = Asyncio.run(WorkloadsAsync.parked(TASKS, () -> marks[calls[0]++] = usedAfterGc()));
    bytes.bytesPerParkedTask = (double) (marks[1] - marks[0]) / TASKS;
    return sum;
  }

  static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
