package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The await of generated code ({@code awaitReady} and {@code readyResult}, docs/design.md section
 * 2): an awaitable whose value is ready is handed back for the state that follows, without being
 * stored in the coroutine; anything else suspends as {@code await} does, and the value is then read
 * as {@code awaitResult()} reads it. Each case is logged as "at once" (read from the returned
 * awaitable) or "resumed" (read after a suspension).
 */
class AwaitReadyTest {
  private static RunOptions vt() {
    return RunOptions.create().virtualTime(true);
  }

  /** Awaits each awaitable (or JDK stage) in turn, the way generated code does, and logs it. */
  private static final class Awaiter extends Coroutine<Integer> {
    final List<Supplier<Object>> items;
    final List<String> log = new ArrayList<>();
    final List<Object> values = new ArrayList<>();
    int i;
    boolean keptNothing = true;

    Awaiter(List<Supplier<Object>> items) {
      this.items = items;
    }

    @Override
    protected void resume() {
      Object ready = null;
      for (; ; ) {
        switch (label) {
          case 0:
            if (i == items.size()) {
              complete(i);
              return;
            }
            Object a = items.get(i).get();
            ready =
                a instanceof CompletionStage
                    ? awaitReady((CompletionStage<?>) a, 1)
                    : awaitReady((Awaitable<?>) a, 1);
            if (ready == null) {
              return;
            }
            keptNothing &= awaiting == null; // a value read at once is not stored in the coroutine
            // fall through
          case 1:
            String how = ready == null ? "resumed" : "at once";
            try {
              Object v = readyResult(ready);
              values.add(v);
              log.add(i + " " + how + ": " + v);
            } catch (Throwable t) {
              values.add(t);
              log.add(i + " " + how + ": " + t.getClass().getSimpleName());
            }
            ready = null;
            i++;
            label = 0;
            continue;
          default:
            throw new AssertionError(label);
        }
      }
    }
  }

  @Test
  void readyValuesAreReadAtOnceAndEverythingElseAfterSuspending() {
    IllegalStateException failure = new IllegalStateException("boom");
    List<Supplier<Object>> items = new ArrayList<>();
    items.add(() -> done(1));
    items.add(() -> Coroutine.of(2));
    items.add(
        () -> {
          Future<Integer> f = Asyncio.getRunningLoop().createFuture();
          f.setException(failure);
          return f;
        });
    items.add(
        () -> {
          Future<Integer> f = Asyncio.getRunningLoop().createFuture();
          f.cancel();
          return f;
        });
    items.add(
        () -> {
          Future<Integer> f = Asyncio.getRunningLoop().createFuture();
          Asyncio.getRunningLoop().callLater(1, () -> f.setResult(5));
          return f;
        });
    items.add(() -> CompletableFuture.completedFuture(6));
    items.add(
        () -> {
          CompletableFuture<Integer> cf = new CompletableFuture<>();
          // callSoon, not callLater: under virtual time a pending JDK stage holds the clock (it is
          // outside work), so a timer that would complete it never comes.
          Asyncio.getRunningLoop().callSoon(() -> cf.complete(7));
          return cf;
        });
    items.add(() -> Asyncio.sleep(0));
    items.add(() -> Asyncio.sleep(1, 9));
    items.add(() -> Coroutine.done());
    Awaiter a = new Awaiter(items);

    assertEquals(10, Asyncio.run(a, vt()));

    assertEquals(
        List.of(
            "0 at once: 1",
            "1 at once: 2",
            "2 at once: IllegalStateException",
            "3 at once: CancelledError",
            "4 resumed: 5",
            "5 at once: 6",
            "6 resumed: 7",
            "7 resumed: null",
            "8 resumed: 9",
            "9 at once: null"),
        a.log);
    assertSame(failure, a.values.get(2)); // thrown unwrapped, with its identity
    assertEquals(true, a.keptNothing);
    assertNull(a.awaiting); // nothing left referenced once done
  }

  @Test
  void aCancellationDeliveredWhileSuspendedIsRaisedByReadyResult() {
    Future<Integer>[] pending = newFutures(1);
    List<Supplier<Object>> items = new ArrayList<>();
    items.add(
        () -> {
          pending[0] = Asyncio.getRunningLoop().createFuture();
          return pending[0];
        });
    Awaiter a = new Awaiter(items);
    Asyncio.run(
            Coros.steps(
                Coros.run(
                    () -> {
                      Task<Integer> t = Asyncio.createTask(a);
                      Asyncio.getRunningLoop().callLater(1, () -> t.cancel("stop"));
                    }),
                Coros.await(() -> Asyncio.sleep(2))),
            vt());
    assertEquals(List.of("0 resumed: CancelledError"), a.log);
    assertEquals(true, pending[0].isCancelled());
    assertEquals("stop", ((CancelledError) a.values.get(0)).getMessage());
  }

  private static Future<Integer> done(int v) {
    Future<Integer> f = Asyncio.getRunningLoop().createFuture();
    f.setResult(v);
    return f;
  }

  @SuppressWarnings("unchecked")
  private static Future<Integer>[] newFutures(int n) {
    return (Future<Integer>[]) new Future<?>[n];
  }
}
