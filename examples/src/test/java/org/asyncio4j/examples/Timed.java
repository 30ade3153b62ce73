package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.getRunningLoop;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/** Measures how much loop time an example's main coroutine takes, on the virtual clock. */
final class Timed {
  private Timed() {}

  @Async
  static Coroutine<Double> elapsed(Coroutine<?> main) {
    double start = getRunningLoop().time();
    Await.of(main);
    return Coroutine.of(getRunningLoop().time() - start);
  }

  /**
   * Runs {@code main} on a virtual-time loop (its output discarded: the transcript tests check
   * it); returns the virtual seconds it took.
   */
  static double run(Coroutine<?> main) {
    double[] elapsed = new double[1];
    Transcript.capture(() -> elapsed[0] =
        Asyncio.run(TimedAsync.elapsed(main), RunOptions.create().virtualTime(true)));
    return elapsed[0];
  }
}
