package org.asyncio4j;

import static org.asyncio4j.Asyncio.asCompleted;
import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Asyncio#wait} and {@link Asyncio#asCompleted}: scenarios WAIT-02, 03, 04 and 05 of
 * asyncio-scenarios.md, plus WAIT-01 (FIRST_COMPLETED), which asyncio-semantics.md §2.4 describes
 * without a table entry.
 *
 * <p>WAIT-06 ({@code async for} over {@code as_completed} yields the original tasks, Python 3.13)
 * drives {@link AsCompletedIterable#asyncIterator()} with a hand-written async-for state machine,
 * the shape the processor generates for {@code for (Future<T> f : Await.each(...))}.
 */
class WaitTest {
  static final RunOptions VT = RunOptions.create().virtualTime(true);

  static double now() {
    return Asyncio.getRunningLoop().time();
  }

  @SafeVarargs
  static <T> List<Future<T>> list(Future<T>... fs) {
    return List.of(fs);
  }

  @Test
  @DisplayName("WAIT-01: FIRST_COMPLETED returns when the first future finishes")
  void wait01FirstCompleted() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  Task<String> a = createTask(Coros.sleepThen(2, "a"), "a");
                  Task<String> b = createTask(Coros.sleepThen(1, "b"), "b");
                  Task<String> c = createTask(Coros.sleepThen(3, "c"), "c");
                  return Asyncio.wait(list(a, b, c), ReturnWhen.FIRST_COMPLETED);
                },
                r -> log.add(now() + " done=" + names(r.done()) + " pending=" + names(r.pending())))),
        VT);
    assertEquals(List.of("1.0 done=[b] pending=[a, c]"), log);
  }

  @Test
  @DisplayName("WAIT-01: FIRST_COMPLETED counts a cancelled future as completed")
  void wait01FirstCompletedCancelled() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  Task<String> a = createTask(Coros.sleepThen(5, "a"), "a");
                  Task<String> b = createTask(Coros.sleepThen(5, "b"), "b");
                  Asyncio.getRunningLoop().callLater(1, () -> b.cancel());
                  return Asyncio.wait(list(a, b), ReturnWhen.FIRST_COMPLETED);
                },
                r -> log.add(now() + " done=" + names(r.done()) + " pending=" + names(r.pending()))),
            Coros.run(() -> log.add("tasks left " + Asyncio.allTasks().size()))),
        VT);
    assertEquals(List.of("1.0 done=[b] pending=[a]", "tasks left 2"), log);
  }

  @Test
  @DisplayName("WAIT-02: FIRST_EXCEPTION returns on the first exception, else like ALL_COMPLETED")
  void wait02FirstException() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  Task<Object> slow = createTask(Coros.sleepThen(10, (Object) "slow"), "slow");
                  Task<Object> bad =
                      createTask(Coros.sleepThenThrow(1, new IllegalStateException("x")), "bad");
                  return Asyncio.wait(list(slow, bad), ReturnWhen.FIRST_EXCEPTION);
                },
                r -> log.add(now() + " done=" + names(r.done()) + " pending=" + names(r.pending()))),
            Coros.await(
                () -> {
                  Task<String> a = createTask(Coros.sleepThen(1, "a"), "a");
                  Task<String> b = createTask(Coros.sleepThen(2, "b"), "b");
                  return Asyncio.wait(list(a, b), ReturnWhen.FIRST_EXCEPTION);
                },
                r -> log.add(now() + " done=" + names(r.done()) + " pending=" + names(r.pending())))),
        VT);
    assertEquals(
        List.of("1.0 done=[bad] pending=[slow]", "3.0 done=[a, b] pending=[]"), log);
  }

  @Test
  @DisplayName("WAIT-02: ALL_COMPLETED (the default) waits for every future")
  void wait02AllCompleted() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  Task<String> a = createTask(Coros.sleepThen(3, "a"), "a");
                  Task<String> b = createTask(Coros.sleepThenThrow(1, new IllegalStateException()), "b");
                  return Asyncio.wait(list(a, b));
                },
                r -> {
                  log.add(now() + " done=" + names(r.done()) + " pending=" + names(r.pending()));
                  for (Future<String> f : r.done()) {
                    f.exception(); // retrieve
                  }
                })),
        VT);
    assertEquals(List.of("3.0 done=[a, b] pending=[]"), log);
  }

  @Test
  @DisplayName("WAIT-03: wait(timeout) returns (done, pending); no TimeoutError, nothing cancelled")
  void wait03Timeout() {
    List<String> log = new ArrayList<>();
    Task<?>[] slow = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  Task<String> fast = createTask(Coros.sleepThen(1, "fast"), "fast");
                  Task<String> s = createTask(Coros.sleepThen(20, "slow"), "slow");
                  slow[0] = s;
                  return Asyncio.wait(list(fast, s), ReturnWhen.ALL_COMPLETED, 5);
                },
                r -> log.add(now() + " done=" + names(r.done()) + " pending=" + names(r.pending()))),
            Coros.run(() -> log.add("slow cancelled=" + slow[0].isCancelled())),
            Coros.await(() -> WaitForTest.any(slow[0]), v -> log.add(v + " at " + now()))),
        VT);
    assertEquals(
        List.of("5.0 done=[fast] pending=[slow]", "slow cancelled=false", "slow at 20.0"), log);
  }

  @Test
  @DisplayName("WAIT-04: wait([]) is IllegalArgumentException; a bare coroutine is rejected too")
  void wait04Errors() {
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.<Future<String>>of()));
    assertEquals("Set of Tasks/Futures is empty.", empty.getMessage());
    IllegalArgumentException coro =
        assertThrows(
            IllegalArgumentException.class,
            () -> Asyncio.wait(List.of(Coros.sleepThen(1, "x")), ReturnWhen.ALL_COMPLETED));
    assertTrue(coro.getMessage().contains("createTask"), coro.getMessage());
  }

  @Test
  @DisplayName("wait: futures already done return after one loop iteration; duplicates count once")
  void waitAlreadyDone() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  Future<String> f = Asyncio.getRunningLoop().createFuture();
                  f.setResult("x");
                  return Asyncio.wait(list(f, f), ReturnWhen.FIRST_EXCEPTION);
                },
                r -> log.add(now() + " done=" + r.done().size() + " pending=" + r.pending().size()))),
        VT);
    assertEquals(List.of("0.0 done=1 pending=0"), log);
  }

  @Test
  @DisplayName("WAIT-05: asCompleted yields results in completion order: ['b', 'a']")
  void wait05AsCompletedOrder() {
    List<String> log = new ArrayList<>();
    Asyncio.run(new ForEach<>(() -> asCompleted(List.of(Coros.sleepThen(2, "a"), Coros.sleepThen(1, "b"))), log), VT);
    assertEquals(List.of("b at 1.0", "a at 2.0"), log);
  }

  /** {@code for (Future<T> f : Await.each(iterable)) sink.accept(f);} as a state machine. */
  static final class AsyncForEach<T> extends Coroutine<Void> {
    private final AsyncIterable<T> iterable;
    private final java.util.function.Consumer<T> sink;
    private AsyncIterator<T> it;

    AsyncForEach(AsyncIterable<T> iterable, java.util.function.Consumer<T> sink) {
      this.iterable = iterable;
      this.sink = sink;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            it = iterable.asyncIterator();
            label = 1;
            continue;
          case 1:
            if (!await(it.hasNext(), 2)) {
              return;
            }
            // fall through
          case 2:
            {
              boolean more = awaitResult();
              if (!more) {
                complete(null);
                return;
              }
              sink.accept(it.next());
              label = 1;
              continue;
            }
          default:
            throw new AssertionError(label);
        }
      }
    }
  }

  @Test
  @DisplayName("WAIT-06: async for over asCompleted yields the original tasks, b then a")
  void wait06AsyncForYieldsOriginalTasks() {
    List<String> log = new ArrayList<>();
    List<Future<String>> seen = new ArrayList<>();
    List<Task<String>> created = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  Task<String> a = createTask(Coros.sleepThen(0.02, "a"));
                  Task<String> b = createTask(Coros.sleepThen(0.01, "b"));
                  created.add(a);
                  created.add(b);
                  return new AsyncForEach<>(
                      asCompleted(List.of(a, b)),
                      f -> {
                        seen.add(f);
                        log.add(f.result() + " at " + now());
                      });
                })),
        VT);
    assertEquals(List.of("b at 0.01", "a at 0.02"), log);
    assertSame(created.get(1), seen.get(0));
    assertSame(created.get(0), seen.get(1));
  }

  @Test
  @DisplayName("WAIT-06: async for over asCompleted with a timeout raises TimeoutError, cancels nothing")
  void wait06AsyncForTimeout() {
    List<String> log = new ArrayList<>();
    Task<?>[] slow = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> {
                          Task<String> x = createTask(Coros.sleepThen(1, "x"));
                          Task<String> y = createTask(Coros.sleepThen(50, "y"));
                          slow[0] = y;
                          return new AsyncForEach<>(
                              asCompleted(List.of(x, y), 5), f -> log.add(f.result() + " at " + now()));
                        },
                        TimeoutError.class,
                        e -> {
                          log.add("TimeoutError at " + now());
                          return null;
                        })),
            Coros.run(() -> log.add("y cancelled=" + slow[0].isCancelled()))),
        VT);
    assertEquals(List.of("x at 1.0", "TimeoutError at 5.0", "y cancelled=false"), log);
  }

  @Test
  @DisplayName("WAIT-05: asCompleted with a timeout raises TimeoutError after the first result")
  void wait05AsCompletedTimeout() {
    List<String> log = new ArrayList<>();
    Task<?>[] y = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  Task<String> x = createTask(Coros.sleepThen(1, "x"));
                  Task<String> yy = createTask(Coros.sleepThen(50, "y"));
                  y[0] = yy;
                  return new ForEach<>(() -> asCompleted(List.of(x, yy), 5), log);
                }),
            Coros.run(() -> log.add("y cancelled=" + y[0].isCancelled()))),
        VT);
    assertEquals(List.of("x at 1.0", "TimeoutError at 5.0", "y cancelled=false"), log);
  }

  @Test
  @DisplayName("asCompleted: exceptions surface at their turn; the iterable is single-use")
  void asCompletedExceptionsAndSingleUse() {
    List<String> log = new ArrayList<>();
    Iterable<?>[] it = new Iterable<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () ->
                    new ForEach<>(
                        () -> {
                          Iterable<Coroutine<String>> ac =
                              asCompleted(
                                  List.of(
                                      Coros.sleepThen(3, "late"),
                                      Coros.<String>sleepThenThrow(1, new IllegalStateException("boom")),
                                      Coros.sleepThen(2, "mid")));
                          it[0] = ac;
                          return ac;
                        },
                        log))),
        VT);
    assertEquals(List.of("IllegalStateException boom at 1.0", "mid at 2.0", "late at 3.0"), log);
    Iterator<?> i = it[0].iterator();
    assertFalse(i.hasNext());
    assertThrows(NoSuchElementException.class, i::next);
  }

  @Test
  @DisplayName("asCompleted: the coroutines may be awaited concurrently; each gets one result")
  void asCompletedConcurrentConsumers() {
    List<Object> r =
        Asyncio.run(
            Coros.after(
                () -> {
                  List<Coroutine<String>> cs = new ArrayList<>();
                  for (Coroutine<String> c :
                      asCompleted(List.of(Coros.sleepThen(2, "two"), Coros.sleepThen(1, "one")))) {
                    cs.add(c);
                  }
                  return Asyncio.gather(true, cs.get(1), cs.get(0));
                },
                v -> v),
            VT);
    assertEquals(List.of("one", "two"), r);
  }

  static String names(Iterable<? extends Future<?>> fs) {
    List<String> n = new ArrayList<>();
    for (Future<?> f : fs) {
      n.add(((Task<?>) f).getName());
    }
    return n.toString();
  }

  /**
   * {@code for c in as_completed(...): try: log(await c) except Exception as e: log(e)}: a plain
   * loop over the iterable, awaiting each coroutine in turn; stops at a TimeoutError.
   */
  static final class ForEach<T> extends Coroutine<Void> {
    private final java.util.function.Supplier<Iterable<Coroutine<T>>> source;
    private final List<String> log;
    private Iterator<Coroutine<T>> it;

    ForEach(java.util.function.Supplier<Iterable<Coroutine<T>>> source, List<String> log) {
      this.source = source;
      this.log = log;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            it = source.get().iterator();
            label = 1;
            continue;
          case 1:
            if (!it.hasNext()) {
              complete(null);
              return;
            }
            if (!await(it.next(), 2)) {
              return;
            }
            // fall through
          case 2:
            try {
              T v = awaitResult();
              log.add(v + " at " + now());
            } catch (TimeoutError e) {
              log.add("TimeoutError at " + now());
              complete(null);
              return;
            } catch (RuntimeException e) {
              log.add(e.getClass().getSimpleName() + " " + e.getMessage() + " at " + now());
            }
            label = 1;
            continue;
          default:
            throw new AssertionError(label);
        }
      }
    }
  }

  @Test
  @DisplayName("WAIT-02: under FIRST_EXCEPTION a cancelled future is not an exception")
  void wait02CancelledIsNotAnException() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  Task<String> a = createTask(Coros.sleepThen(3, "a"), "a");
                  Task<String> b = createTask(Coros.sleepThen(5, "b"), "b");
                  Asyncio.getRunningLoop().callLater(1, () -> b.cancel());
                  return Asyncio.wait(list(a, b), ReturnWhen.FIRST_EXCEPTION);
                },
                r -> log.add(now() + " done=" + names(r.done()) + " pending=" + names(r.pending())))),
        VT);
    assertEquals(List.of("3.0 done=[a, b] pending=[]"), log);
  }
}
