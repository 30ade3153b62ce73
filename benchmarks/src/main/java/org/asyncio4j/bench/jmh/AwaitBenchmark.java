package org.asyncio4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
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
 * Await of an already-done awaitable, with nothing else around it: the body of a coroutine that
 * awaits done futures (or {@code Coroutine.done()}) in a loop is resumed directly, so each
 * invocation measures exactly {@code await(...)} + {@code awaitResult()} on the done path. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} must be 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AwaitBenchmark {
  static final int AWAITS = 1024;

  private EventLoop loop;
  private DoneFutures futures;
  private DoneCoroutines coroutines;

  /**
   * The loop of {@code awaitDone} (see {@code WorkloadsAsync.AwaitDone}) over 64 done futures,
   * resumed directly by {@link #awaitAll()}.
   */
  static final class DoneFutures extends Coroutine<Long> {
    final Future<Integer>[] done;
    long sum;
    int i;

    DoneFutures(Future<Integer>[] done) {
      this.done = done;
    }

    long awaitAll() {
      label = 1;
      i = 0;
      sum = 0;
      resume();
      return sum;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 1:
            if (i >= AWAITS) {
              return;
            }
            if (!await(done[i & 63], 2)) {
              return;
            }
          // fall through
          case 2:
            sum += awaitResult(false ? done[i & 63] : null);
            i++;
            label = 1;
            continue;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }
  }

  /** The same loop awaiting the shared completed {@code Coroutine.done()}. */
  static final class DoneCoroutines extends Coroutine<Long> {
    long count;
    int i;

    long awaitAll() {
      label = 1;
      i = 0;
      count = 0;
      resume();
      return count;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 1:
            if (i >= AWAITS) {
              return;
            }
            if (!await(Coroutine.done(), 2)) {
              return;
            }
          // fall through
          case 2:
            awaitResult();
            count++;
            i++;
            label = 1;
            continue;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }
  }

  @Setup
  @SuppressWarnings("unchecked")
  public void setUp() {
    loop = EventLoop.create();
    Future<Integer>[] done = new Future[64];
    for (int k = 0; k < done.length; k++) {
      done[k] = loop.createFuture();
      done[k].setResult(1);
    }
    futures = new DoneFutures(done);
    coroutines = new DoneCoroutines();
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  @OperationsPerInvocation(AWAITS)
  public long awaitDoneFuture() {
    return futures.awaitAll();
  }

  @Benchmark
  @OperationsPerInvocation(AWAITS)
  public long awaitDoneCoroutine() {
    return coroutines.awaitAll();
  }
}
