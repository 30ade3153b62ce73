package org.asyncio4j;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Loop-shaped hand-written coroutines for the I/O tests (see {@link Coros} for straight lines). */
final class IoCoros {
  private IoCoros() {}

  /**
   * {@code while (true) { X v = await next(); if (!body(v)) break; }} — at most {@code maxRounds}
   * rounds (a test loop is always bounded), then fails.
   */
  static <X> Coroutine<Void> loop(
      int maxRounds, Supplier<? extends Awaitable<X>> next, Coros.Fn<? super X, Boolean> body) {
    return new Coroutine<>() {
      private int rounds;

      @Override
      protected void resume() throws Throwable {
        for (; ; ) {
          if (label == 0) {
            if (++rounds > maxRounds) {
              throw new AssertionError("loop did not finish within " + maxRounds + " rounds");
            }
            if (!await(next.get(), 1)) {
              return;
            }
          }
          X v = awaitResult();
          label = 0;
          if (!body.apply(v)) {
            complete(null);
            return;
          }
        }
      }
    };
  }

  /** An echo handler: writes back each line prefixed with {@code prefix} until EOF, draining. */
  static ConnectionHandler echo(String prefix) {
    return (r, w) ->
        loop(
            100_000,
            r::readLine,
            line -> {
              if (line.length == 0) {
                return false;
              }
              w.write(prefix.getBytes(StandardCharsets.UTF_8));
              w.write(line);
              return true;
            });
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String str(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
