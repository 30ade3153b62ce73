package org.asyncio4j;

import static org.asyncio4j.LoopTesting.realTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * toThread and runInExecutor keep the loop responsive: a ticker task keeps ticking while a
 * CPU-bound computation of at least 300 ms runs on another thread. The computation itself checks
 * that ticks happened while it was running, so nothing depends on timing guesses.
 */
@Timeout(30)
class ExecutorResponsivenessTest {

  /** Busy computation for at least 300 ms and until {@code ticks} moved 3 times (at most 10 s). */
  private static double compute(AtomicInteger ticks) {
    int start = ticks.get();
    long t0 = System.nanoTime();
    double acc = 0;
    long i = 0;
    while (System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(300) || ticks.get() - start < 3) {
      acc += Math.sqrt(++i);
      if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(10)) {
        break;
      }
    }
    return acc;
  }

  private static Coroutine<Void> ticker(AtomicInteger ticks, boolean[] stop) {
    return IoCoros.loop(
        5_000,
        () -> Asyncio.sleep(0.01),
        v -> {
          ticks.incrementAndGet();
          return !stop[0];
        });
  }

  @Test
  void toThreadLeavesTheLoopTicking() {
    AtomicInteger ticks = new AtomicInteger();
    boolean[] stop = {false};
    int[] during = new int[1];
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> t[0] = Asyncio.createTask(ticker(ticks, stop))),
            Coros.await(
                () -> {
                  int before = ticks.get();
                  return Coros.after(
                      () -> Asyncio.toThread(() -> compute(ticks)),
                      v -> during[0] = ticks.get() - before);
                }),
            Coros.run(() -> stop[0] = true),
            Coros.await(() -> LoopTesting.any(t[0]))),
        realTime());
    assertTrue(
        during[0] >= 3, "the loop ticked only " + during[0] + " times during the computation");
  }

  @Test
  void runInExecutorWithAnExecutorOfOurOwn() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      AtomicInteger ticks = new AtomicInteger();
      boolean[] stop = {false};
      int[] during = new int[1];
      Object[] result = new Object[1];
      Task<?>[] t = new Task<?>[1];
      Asyncio.run(
          Coros.steps(
              Coros.run(() -> t[0] = Asyncio.createTask(ticker(ticks, stop))),
              Coros.await(
                  () -> {
                    int before = ticks.get();
                    return Coros.after(
                        () ->
                            Asyncio.getRunningLoop()
                                .runInExecutor(pool, () -> compute(ticks) > 0 ? "done" : "odd"),
                        v -> {
                          during[0] = ticks.get() - before;
                          return result[0] = v;
                        });
                  }),
              Coros.run(() -> stop[0] = true),
              Coros.await(() -> LoopTesting.any(t[0]))),
          realTime());
      assertEquals("done", result[0]);
      assertTrue(
          during[0] >= 3, "the loop ticked only " + during[0] + " times during the computation");
    } finally {
      pool.shutdownNow();
    }
  }
}
