package org.asyncio4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.bench.WorkloadsAsync;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Await of an already-done awaitable: each invocation runs, on one loop kept across invocations, a
 * generated coroutine ({@code Workloads.awaitFutures} or {@code Workloads.awaitDoneCoroutines})
 * that awaits done futures (or completed coroutines, {@code Coroutine.of(v)}) {@value #AWAITS}
 * times in a loop and never suspends. The one task per invocation is spread over a million awaits,
 * so the score is the cost of {@code await(...)} + {@code awaitResult()} on the done path. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} must be 0 B/op (the task's few hundred bytes per
 * invocation show as well under 0.001 B/op).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AwaitBenchmark {
  static final int AWAITS = 1 << 20;

  private EventLoop loop;
  private Future<Integer>[] done;
  private Coroutine<Integer>[] completed;

  @Setup
  @SuppressWarnings("unchecked")
  public void setUp() {
    loop = EventLoop.create();
    done = new Future[64];
    for (int k = 0; k < done.length; k++) {
      done[k] = loop.createFuture();
      done[k].setResult(1);
    }
    completed = new Coroutine[64];
    for (int k = 0; k < completed.length; k++) {
      completed[k] = Coroutine.of(k);
    }
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  /** {@code sum += Await.of(done[i & 63])}: 64 distinct done futures, so no read is hoisted. */
  @Benchmark
  @OperationsPerInvocation(AWAITS)
  public long awaitDoneFuture() {
    return loop.runUntilComplete(WorkloadsAsync.awaitFutures(done, AWAITS));
  }

  /** {@code sum += Await.of(completed[i & 63])}: 64 distinct completed coroutines. */
  @Benchmark
  @OperationsPerInvocation(AWAITS)
  public long awaitDoneCoroutine() {
    return loop.runUntilComplete(WorkloadsAsync.awaitDoneCoroutines(completed, AWAITS));
  }
}
