package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.getRunningLoop;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.LoopTesting.realTime;
import static org.asyncio4j.LoopTesting.vt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenarios THR-01..04 of asyncio-scenarios.md and the loop's thread boundary (docs/design.md §4):
 * callSoonThreadsafe, runCoroutineThreadsafe, toCompletableFuture, Await.of(CompletionStage), and
 * virtual time with work on other threads.
 *
 * <p>THR-01's last case (to_thread copies the caller's contextvars) has no counterpart: asyncio4j
 * has no context variables. Tests that involve real threads are bounded with {@link Timeout} and
 * assert order and values, never durations; a thread that must act while the loop is idle waits
 * until the loop thread is blocked in its selector ({@link LoopTesting#awaitBlockedInSelect}).
 */
@Timeout(30)
class ThreadsTest {

  @Test
  void thr01_toThreadRunsOnAnotherThreadAndReturnsOrThrows() {
    Object[] r = new Object[4];
    IllegalStateException boom = new IllegalStateException("in thread");
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> Asyncio.toThread(() -> 40 + 2), v -> r[0] = v),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () ->
                            Asyncio.toThread(
                                () -> {
                                  throw boom;
                                }),
                        IllegalStateException.class,
                        e -> e),
                v -> r[1] = v),
            Coros.await(
                () -> {
                  String a = "test";
                  boolean something = true;
                  return Asyncio.toThread(() -> a + "|" + something);
                },
                v -> r[2] = v),
            Coros.await(
                () -> {
                  Thread loopThread = Thread.currentThread();
                  return Asyncio.toThread(() -> Thread.currentThread() != loopThread);
                },
                v -> r[3] = v)),
        vt());
    assertEquals(42, r[0]);
    assertSame(boom, r[1]);
    assertEquals("test|true", r[2]);
    assertEquals(true, r[3]);
  }

  /**
   * THR-02: the loop keeps running tasks while executor work is pending. The job waits until the
   * ticker has ticked five times, so the order is certain and no duration is assumed.
   */
  @Test
  void thr02_theLoopRunsOtherTasksWhileExecutorWorkIsPending() {
    CountDownLatch fiveTicks = new CountDownLatch(5);
    int[] ticks = {0};
    Object[] r = new Object[3];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  r[0] = Thread.currentThread();
                  createTask(ticker(ticks, fiveTicks, 0.01), "ticker");
                }),
            Coros.await(
                () ->
                    getRunningLoop()
                        .runInExecutor(
                            null,
                            () -> {
                              assertTrue(fiveTicks.await(20, TimeUnit.SECONDS));
                              return Thread.currentThread();
                            }),
                v -> r[1] = v),
            Coros.run(() -> r[2] = ticks[0])),
        realTime());
    assertNotSame(r[0], r[1]);
    assertTrue((int) r[2] >= 5, "ticks: " + r[2]);
  }

  /** THR-02 on virtual time: the ticker yields with sleep(0), the clock stays put meanwhile. */
  @Test
  void thr02_onVirtualTimeTheLoopKeepsRunningReadyTasks() {
    CountDownLatch fiveTicks = new CountDownLatch(5);
    int[] ticks = {0};
    Object[] r = new Object[2];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> createTask(ticker(ticks, fiveTicks, 0), "ticker")),
            Coros.await(
                () -> Asyncio.toThread(() -> fiveTicks.await(20, TimeUnit.SECONDS)), v -> r[0] = v),
            Coros.run(() -> r[1] = getRunningLoop().time())),
        vt());
    assertEquals(true, r[0]);
    assertTrue(ticks[0] >= 5, "ticks: " + ticks[0]);
    assertEquals(0.0, r[1]);
  }

  /** Ticks forever: every {@code period} seconds, counts and releases one latch count. */
  private static Coroutine<Void> ticker(int[] ticks, CountDownLatch latch, double period) {
    return new Coroutine<>() {
      @Override
      protected void resume() {
        for (; ; ) {
          switch (label) {
            case 0:
              if (!await(sleep(period), 1)) {
                return;
              }
              // fall through
            case 1:
              awaitResult();
              ticks[0]++;
              latch.countDown();
              label = 0;
              continue;
            default:
              throw new AssertionError(label);
          }
        }
      }
    };
  }

  @Test
  void runInExecutorWithACustomExecutor() {
    ExecutorService pool =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "custom-pool");
              t.setDaemon(true);
              return t;
            });
    try {
      String name =
          Asyncio.run(
              Coros.after(
                  () ->
                      getRunningLoop().runInExecutor(pool, () -> Thread.currentThread().getName()),
                  v -> v),
              vt());
      assertEquals("custom-pool", name);
    } finally {
      pool.shutdownNow();
    }
  }

  /** A rejected job is not counted as pending work: virtual time still jumps afterwards. */
  @Test
  void aRejectedExecutorJobFailsAtOnceAndDoesNotHoldTheClock() {
    ExecutorService dead = Executors.newSingleThreadExecutor();
    dead.shutdown();
    Object[] r = new Object[2];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () ->
                    r[0] =
                        assertThrows(
                            java.util.concurrent.RejectedExecutionException.class,
                            () -> getRunningLoop().runInExecutor(dead, () -> 1))),
            Coros.await(() -> sleep(3600)),
            Coros.run(() -> r[1] = getRunningLoop().time())),
        vt());
    assertTrue(r[0] instanceof java.util.concurrent.RejectedExecutionException);
    assertEquals(3600.0, r[1]);
  }

  @Test
  void wrapFutureMirrorsACompletableFuture() {
    Object[] r = new Object[3];
    CompletableFuture<String> toCancel = new CompletableFuture<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  CompletableFuture<String> cf = new CompletableFuture<>();
                  Future<String> f = Asyncio.wrapFuture(cf);
                  assertFalse(f.isDone());
                  startDaemon(() -> cf.complete("wrapped"));
                  return f;
                },
                v -> r[0] = v),
            Coros.run(
                () -> {
                  Future<String> f = Asyncio.wrapFuture(toCancel);
                  r[1] = f.cancel("stop");
                  r[2] = f.isCancelled();
                }),
            Coros.await(() -> sleep(3600))),
        vt());
    assertEquals("wrapped", r[0]);
    assertEquals(true, r[1]);
    assertEquals(true, r[2]);
    assertTrue(toCancel.isCancelled(), "cancelling the wrapper cancels the CompletableFuture");
  }

  @Test
  void runShutsDownTheDefaultExecutor() {
    EventLoop[] loop = new EventLoop[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> loop[0] = getRunningLoop()),
            Coros.await(() -> Asyncio.toThread(() -> 1))),
        vt());
    assertTrue(loop[0].isClosed());
    assertTrue(loop[0].defaultExecutor().isShutdown());
  }

  /** THR-03 in real time: a worker thread runs a coroutine on the loop and waits for its result. */
  @Test
  void thr03_runCoroutineThreadsafeFromAWorkerThread() {
    Object[] r = new Object[2];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  EventLoop loop = getRunningLoop();
                  return Asyncio.toThread(
                      () -> {
                        CompletableFuture<Integer> cf =
                            Asyncio.runCoroutineThreadsafe(sleep(0.01, 3), loop);
                        r[1] = cf;
                        return cf.get(20, TimeUnit.SECONDS);
                      });
                },
                v -> r[0] = v)),
        realTime());
    assertEquals(3, r[0]);
    assertTrue(r[1] instanceof CompletableFuture);
  }

  /**
   * With virtual time, a plain thread (not loop executor work) may wait for a coroutine that
   * sleeps: nothing pending on the executor, so the clock jumps.
   */
  @Test
  void runCoroutineThreadsafeWithVirtualTimeFromAPlainThread() {
    Object[] r = new Object[2];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  EventLoop loop = getRunningLoop();
                  Future<Object> result = loop.createFuture();
                  startDaemon(
                      () -> {
                        Object v;
                        try {
                          v =
                              Asyncio.runCoroutineThreadsafe(Coros.sleepThen(3600, "slept"), loop)
                                  .get(20, TimeUnit.SECONDS);
                        } catch (Exception e) {
                          v = e;
                        }
                        Object value = v;
                        loop.callSoonThreadsafe(() -> result.setResult(value));
                      });
                  return result;
                },
                v -> {
                  r[0] = v;
                  r[1] = getRunningLoop().time();
                })),
        vt());
    assertEquals("slept", r[0]);
    assertEquals(3600.0, r[1]);
  }

  @Test
  void runCoroutineThreadsafeFailureAndCancellation() throws Exception {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    Object[] r = new Object[3];
    EventLoop loop = EventLoop.create(realTime());
    try {
      loop.runUntilComplete(
          Coros.steps(
              Coros.await(
                  () ->
                      Asyncio.toThread(
                          () -> {
                            CompletableFuture<Object> failing =
                                Asyncio.runCoroutineThreadsafe(Coros.raising(boom), loop);
                            r[0] =
                                assertThrows(
                                        ExecutionException.class,
                                        () -> failing.get(20, TimeUnit.SECONDS))
                                    .getCause();
                            CompletableFuture<String> slow =
                                Asyncio.runCoroutineThreadsafe(Coros.sleepThen(3600, "late"), loop);
                            slow.cancel(true);
                            return null;
                          })),
              Coros.await(() -> sleep(0.05)),
              Coros.run(
                  () -> {
                    List<String> live = new ArrayList<>();
                    for (Task<?> t : Asyncio.allTasks()) {
                      live.add(t.getName());
                    }
                    r[1] = live;
                  })));
    } finally {
      loop.close();
    }
    assertSame(boom, r[0]);
    assertEquals(1, ((List<?>) r[1]).size(), "the cancelled task is done: " + r[1]);
    IllegalStateException closed =
        assertThrows(
            IllegalStateException.class, () -> Asyncio.runCoroutineThreadsafe(sleep(0), loop));
    assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
  }

  @Test
  void thr04_callSoonThreadsafeFromAWorkerThread() {
    String r =
        Asyncio.run(
            Coros.after(
                () -> {
                  EventLoop loop = getRunningLoop();
                  Future<String> fut = loop.createFuture();
                  startDaemon(() -> loop.callSoonThreadsafe(() -> fut.setResult("from-thread")));
                  return fut;
                },
                v -> v),
            vt());
    assertEquals("from-thread", r);
  }

  /** The loop, blocked in select with nothing scheduled, wakes up for callSoonThreadsafe. */
  @Test
  void callSoonThreadsafeWakesALoopBlockedInSelect() {
    for (RunOptions options : List.of(realTime(), vt())) {
      Object[] r = new Object[2];
      Asyncio.run(
          Coros.steps(
              Coros.await(
                  () -> {
                    EventLoop loop = getRunningLoop();
                    Thread loopThread = Thread.currentThread();
                    Future<String> fut = loop.createFuture();
                    startDaemon(
                        () -> {
                          awaitBlocked(loopThread);
                          loop.callSoonThreadsafe(
                              () -> fut.setResult(Thread.currentThread().getName()));
                        });
                    return fut;
                  },
                  v -> r[0] = v),
              Coros.run(() -> r[1] = Thread.currentThread().getName())),
          options);
      assertEquals(r[1], r[0], "the callback ran on the loop thread");
    }
  }

  /** Blocked in select until a far timer, the real-time loop still wakes for another thread. */
  @Test
  void callSoonThreadsafeWakesALoopWaitingForAFarTimer() {
    String r =
        Asyncio.run(
            Coros.after(
                () -> {
                  EventLoop loop = getRunningLoop();
                  Thread loopThread = Thread.currentThread();
                  createTask(sleep(3600));
                  Future<String> fut = loop.createFuture();
                  startDaemon(
                      () -> {
                        awaitBlocked(loopThread);
                        loop.callSoonThreadsafe(() -> fut.setResult("woken"));
                      });
                  return fut;
                },
                v -> v),
            realTime());
    assertEquals("woken", r);
  }

  // ---------------------------------------------------------------------------------------------
  // Virtual time and work on other threads.

  /**
   * While executor work is pending, virtual time does not jump: the 5-second sleeper fires only
   * after the job returns, although the job returns only once the loop is idle in select.
   */
  @Test
  void virtualTimeDoesNotJumpWhileExecutorWorkIsPending() {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () ->
                    createTask(
                        Coros.steps(
                            Coros.await(() -> sleep(5)),
                            Coros.run(
                                () -> log.add("sleeper woke at " + getRunningLoop().time()))))),
            Coros.await(
                () -> {
                  Thread loopThread = Thread.currentThread();
                  return Asyncio.toThread(
                      () -> {
                        awaitBlocked(loopThread);
                        return "job done";
                      });
                },
                v -> log.add(v + " at " + getRunningLoop().time())),
            Coros.await(() -> sleep(10)),
            Coros.run(() -> log.add("end at " + getRunningLoop().time()))),
        vt());
    assertEquals(List.of("job done at 0.0", "sleeper woke at 5.0", "end at 10.0"), log);
  }

  @Test
  void virtualTimeDoesNotJumpWhileAnAwaitedCompletableFutureIsPending() {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () ->
                    createTask(
                        Coros.steps(
                            Coros.await(() -> sleep(5)),
                            Coros.run(
                                () -> log.add("sleeper woke at " + getRunningLoop().time()))))),
            Coros.await(
                () -> {
                  Thread loopThread = Thread.currentThread();
                  CompletableFuture<String> cf = new CompletableFuture<>();
                  startDaemon(
                      () -> {
                        awaitBlocked(loopThread);
                        cf.complete("cf done");
                      });
                  return new AwaitStage<>(() -> cf);
                },
                v -> log.add(v + " at " + getRunningLoop().time())),
            Coros.await(() -> sleep(10))),
        vt());
    assertEquals(List.of("cf done at 0.0", "sleeper woke at 5.0"), log);
  }

  // ---------------------------------------------------------------------------------------------
  // Await.of(CompletionStage): Coroutine.await(CompletionStage, int).

  /** {@code T v = Await.of(stage)} as generated code writes it, recording how it went. */
  static final class AwaitStage<T> extends Coroutine<T> {
    final Supplier<? extends CompletionStage<T>> stage;
    boolean suspended;
    Thread resumedOn;

    AwaitStage(Supplier<? extends CompletionStage<T>> stage) {
      this.stage = stage;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          if (!await(stage.get(), 1)) {
            suspended = true;
            return;
          }
          // fall through
        case 1:
          resumedOn = Thread.currentThread();
          T v = awaitResult();
          complete(v);
          return;
        default:
          throw new AssertionError(label);
      }
    }
  }

  @Test
  void awaitingACompletedCompletableFutureDoesNotSuspend() {
    AwaitStage<String> c = new AwaitStage<>(() -> CompletableFuture.completedFuture("ready"));
    assertEquals("ready", Asyncio.run(c, vt()));
    assertFalse(c.suspended);
  }

  @Test
  void awaitingAFailedCompletableFutureThrowsTheCauseUnwrapped() {
    IllegalStateException boom = new IllegalStateException("boom");
    List<Supplier<CompletionStage<String>>> failed =
        List.of(
            () -> CompletableFuture.failedFuture(boom),
            () -> CompletableFuture.failedFuture(new CompletionException(boom)),
            () -> CompletableFuture.<String>failedFuture(boom).thenApply(s -> s + "!"),
            () -> CompletableFuture.<String>failedFuture(boom).minimalCompletionStage());
    for (Supplier<CompletionStage<String>> s : failed) {
      AwaitStage<String> c = new AwaitStage<>(s);
      assertSame(boom, assertThrows(IllegalStateException.class, () -> Asyncio.run(c, vt())));
      assertFalse(c.suspended);
    }
    CompletableFuture<String> cancelled = new CompletableFuture<>();
    cancelled.cancel(false);
    assertThrows(CancelledError.class, () -> Asyncio.run(new AwaitStage<>(() -> cancelled), vt()));
  }

  @Test
  void awaitingAPendingCompletableFutureResumesOnTheLoopThread() {
    for (boolean fail : new boolean[] {false, true}) {
      IllegalStateException boom = new IllegalStateException("boom");
      Object[] r = new Object[2];
      AwaitStage<String>[] c = newAwaitStageArray();
      Asyncio.run(
          Coros.steps(
              Coros.run(() -> r[0] = Thread.currentThread()),
              Coros.await(
                  () ->
                      Coros.tryCatch(
                          () -> {
                            CompletableFuture<String> cf = new CompletableFuture<>();
                            // A dependent stage wraps the failure in CompletionException.
                            CompletionStage<String> stage = cf.thenApply(s -> s);
                            startDaemon(
                                () -> {
                                  if (fail) {
                                    cf.completeExceptionally(boom);
                                  } else {
                                    cf.complete("from another thread");
                                  }
                                });
                            c[0] = new AwaitStage<>(() -> stage);
                            return c[0];
                          },
                          IllegalStateException.class,
                          e -> {
                            assertSame(boom, e);
                            return "caught";
                          }),
                  v -> r[1] = v)),
          vt());
      assertEquals(fail ? "caught" : "from another thread", r[1]);
      assertSame(r[0], c[0].resumedOn);
    }
  }

  @SuppressWarnings("unchecked")
  private static AwaitStage<String>[] newAwaitStageArray() {
    return new AwaitStage[1];
  }

  @Test
  void awaitingANonCompletableFutureStage() {
    String r =
        Asyncio.run(
            new AwaitStage<>(
                () -> {
                  CompletableFuture<String> cf = new CompletableFuture<>();
                  CompletionStage<String> minimal = cf.minimalCompletionStage();
                  startDaemon(() -> cf.complete("minimal"));
                  return minimal;
                }),
            vt());
    assertEquals("minimal", r);
  }

  @Test
  void cancellingATaskAwaitingACompletableFutureCancelsIt() {
    CompletableFuture<String> cf = new CompletableFuture<>();
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> t[0] = createTask(new AwaitStage<>(() -> cf))),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> t[0].cancel()),
            Coros.await(() -> sleep(0))),
        vt());
    assertTrue(t[0].isCancelled());
    assertTrue(cf.isCancelled());
  }

  @Test
  void aStageCancelledFromAnotherThreadCancelsTheAwait() {
    String r =
        Asyncio.run(
            Coros.tryCatch(
                () ->
                    new AwaitStage<>(
                        () -> {
                          CompletableFuture<String> cf = new CompletableFuture<>();
                          startDaemon(() -> cf.cancel(false));
                          return cf;
                        }),
                CancelledError.class,
                e -> "cancelled"),
            vt());
    assertEquals("cancelled", r);
  }

  @Test
  void awaitingANullStageFails() {
    assertThrows(
        NullPointerException.class, () -> Asyncio.run(new AwaitStage<String>(() -> null), vt()));
  }

  // ---------------------------------------------------------------------------------------------
  // Future.toCompletableFuture from other threads.

  @Test
  void toCompletableFutureFromAnotherThreadWhileTheLoopRuns() {
    IllegalStateException boom = new IllegalStateException("boom");
    Object[] r = new Object[3];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  EventLoop loop = getRunningLoop();
                  Task<String> ok = createTask(Coros.sleepThen(1, "v"));
                  Task<String> failing = createTask(Coros.sleepThenThrow(1, boom));
                  // Waits on a future nobody completes: only the cancellation can end it.
                  Task<String> slow =
                      createTask(Coros.after(() -> loop.<String>createFuture(), v -> v));
                  Future<Object> done = loop.createFuture();
                  startDaemon(
                      () -> {
                        Object[] got = new Object[3];
                        try {
                          got[0] = ok.toCompletableFuture().get(20, TimeUnit.SECONDS);
                          got[1] =
                              assertThrows(
                                      ExecutionException.class,
                                      () -> failing.toCompletableFuture().get(20, TimeUnit.SECONDS))
                                  .getCause();
                          CompletableFuture<String> cf = slow.toCompletableFuture();
                          cf.cancel(true);
                          got[2] = cf.isCancelled();
                        } catch (Throwable e) {
                          got[0] = e;
                        }
                        loop.callSoonThreadsafe(() -> done.setResult(got));
                      });
                  r[2] = slow;
                  return done;
                },
                v -> {
                  Object[] got = (Object[]) v;
                  r[0] = got[0];
                  r[1] = got[1];
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0)),
            Coros.run(() -> r[2] = ((Task<?>) r[2]).isCancelled())),
        vt());
    assertEquals("v", r[0]);
    assertSame(boom, r[1]);
    assertEquals(
        true, r[2], "cancelled through the CompletableFuture, before Asyncio.run's cleanup");
  }

  @Test
  void cancellationExceptionOfACancelledTaskSeenFromAnotherThread() {
    Object[] r = new Object[1];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  EventLoop loop = getRunningLoop();
                  Task<String> t = createTask(Coros.sleepThen(3600, "never"));
                  Future<Object> done = loop.createFuture();
                  CompletableFuture<String> cf = t.toCompletableFuture();
                  startDaemon(
                      () -> {
                        Object got;
                        try {
                          got = cf.get(20, TimeUnit.SECONDS);
                        } catch (CancellationException e) {
                          got = "cancelled";
                        } catch (Exception e) {
                          got = e;
                        }
                        Object value = got;
                        loop.callSoonThreadsafe(() -> done.setResult(value));
                      });
                  loop.callLater(1, () -> t.cancel());
                  return done;
                },
                v -> r[0] = v)),
        vt());
    assertEquals("cancelled", r[0]);
  }

  // ---------------------------------------------------------------------------------------------

  private static void startDaemon(ThrowingRunnable body) {
    Thread t =
        new Thread(
            () -> {
              try {
                body.run();
              } catch (Throwable e) {
                throw new RuntimeException(e);
              }
            },
            "test-worker");
    t.setDaemon(true);
    t.start();
  }

  private static void awaitBlocked(Thread loopThread) {
    try {
      LoopTesting.awaitBlockedInSelect(loopThread);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Throwable;
  }
}
