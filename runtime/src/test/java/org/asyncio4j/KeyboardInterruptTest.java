package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LOOP-17: Ctrl-C during {@link Asyncio#run} cancels the main task (its cleanup runs), then run
 * throws {@link KeyboardInterrupt}. The test sends a real SIGINT to its own JVM, only after
 * checking that run installed its handler (otherwise the signal would end the test JVM).
 */
class KeyboardInterruptTest {
  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void loop17_sigintCancelsMainThenRaisesKeyboardInterrupt() {
    assumeTrue(Signals.isSupported(), "this JVM has no sun.misc.Signal");
    List<String> log = new ArrayList<>();
    Coroutine<String> main =
        Coros.tryCatch(
            () ->
                Coros.steps(
                        Coros.run(
                            () -> {
                              Object ours = Signals.install("INT", () -> {});
                              // run() installed its handler iff the previous one is not the default.
                              boolean runHandlesSigint = Signals.isOurs(ours);
                              Signals.restore("INT", ours);
                              assumeTrue(runHandlesSigint, "SIGINT is handled by someone else here");
                              log.add("sending SIGINT");
                              Signals.raise("INT");
                            }),
                        Coros.await(() -> Asyncio.getRunningLoop().createFuture()))
                    .returning(() -> "never"),
            CancelledError.class,
            e -> {
              log.add("main saw CancelledError");
              throw e;
            });
    KeyboardInterrupt ki =
        assertThrows(KeyboardInterrupt.class, () -> Asyncio.run(main, RunOptions.create().virtualTime(true)));
    assertInstanceOf(CancelledError.class, ki.getCause());
    assertEquals(List.of("sending SIGINT", "main saw CancelledError"), log);
  }

  @Test
  void mainThatSwallowsTheCancellationReturnsNormally() {
    assumeTrue(Signals.isSupported(), "this JVM has no sun.misc.Signal");
    Coroutine<String> main =
        Coros.tryCatch(
            () ->
                Coros.steps(
                        Coros.run(() -> Signals.raise("INT")),
                        Coros.await(() -> Asyncio.getRunningLoop().createFuture()))
                    .returning(() -> "never"),
            CancelledError.class,
            e -> "cleaned up and exiting");
    // Guard as above: only raise when run() owns SIGINT. Probe in a separate run first.
    boolean[] owned = {false};
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Object ours = Signals.install("INT", () -> {});
                  owned[0] = Signals.isOurs(ours);
                  Signals.restore("INT", ours);
                })),
        RunOptions.create().virtualTime(true));
    assumeTrue(owned[0], "SIGINT is handled by someone else here");
    assertEquals("cleaned up and exiting", Asyncio.run(main, RunOptions.create().virtualTime(true)));
  }
}
