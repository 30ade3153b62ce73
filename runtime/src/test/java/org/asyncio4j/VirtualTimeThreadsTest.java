package org.asyncio4j;

import static org.asyncio4j.Asyncio.getRunningLoop;
import static org.asyncio4j.LoopTesting.vt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Virtual time with executor jobs that wait for their own loop ({@link ThreadsafeResult}): pending
 * executor work holds the clock, except while a job blocks in the future of {@code
 * runCoroutineThreadsafe}; the hold is given back before the result is published. Real threads are
 * involved, so each test is bounded with {@link Timeout} (a deadlock fails it) and asserts virtual
 * times and values, never durations.
 */
@Timeout(30)
class VirtualTimeThreadsTest {

  /** Before: the job waited forever for a coroutine whose timer could never become due. */
  @Test
  void aToThreadJobCanWaitForACoroutineThatSleepsOnItsOwnLoop() {
    Object[] r = new Object[3];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  EventLoop loop = getRunningLoop();
                  return Asyncio.toThread(
                      () -> {
                        CompletableFuture<String> cf =
                            Asyncio.runCoroutineThreadsafe(Coros.sleepThen(3600, "slept"), loop);
                        r[2] = cf.get();
                        return cf.join() + " twice";
                      });
                },
                v -> {
                  r[0] = v;
                  r[1] = getRunningLoop().time();
                })),
        vt());
    assertEquals("slept", r[2]);
    assertEquals("slept twice", r[0]);
    assertEquals(3600.0, r[1]);
  }

  /**
   * The hold is handed back by the loop before the result is published: the job's work after the
   * wait (here 30 ms of real time) keeps the clock still, so a waitFor deadline 5 virtual seconds
   * away never fires. Taking the hold back on the job's thread after the wait would leave a window
   * in which the clock jumps to the deadline. Repeated: the race, if any, shows up.
   */
  @RepeatedTest(5)
  void theClockStaysHeldFromTheMomentTheResultIsPublished() {
    Object[] r = new Object[2];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  EventLoop loop = getRunningLoop();
                  return Asyncio.waitFor(
                      Asyncio.toThread(
                          () -> {
                            String v =
                                Asyncio.runCoroutineThreadsafe(Coros.sleepThen(1, "one"), loop)
                                    .get(20, TimeUnit.SECONDS);
                            Thread.sleep(30);
                            return v;
                          }),
                      5);
                },
                v -> {
                  r[0] = v;
                  r[1] = getRunningLoop().time();
                })),
        vt());
    assertEquals("one", r[0]);
    assertEquals(1.0, r[1]);
  }

  /**
   * A wait that ends without the result (a real-time timeout) takes the hold back: after it, a
   * timer 5 virtual seconds away stays pending while the job keeps working.
   */
  @Test
  void aWaitThatTimesOutTakesTheHoldBack() {
    Object[] r = new Object[4];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  EventLoop loop = getRunningLoop();
                  Future<Object> never = loop.createFuture();
                  return Asyncio.toThread(
                      () -> {
                        CompletableFuture<Object> cf =
                            Asyncio.runCoroutineThreadsafe(
                                Coros.after(() -> never, v -> v), loop);
                        r[2] =
                            assertThrows(
                                TimeoutException.class, () -> cf.get(20, TimeUnit.MILLISECONDS));
                        CompletableFuture<Task<?>> sleeper =
                            Asyncio.runCoroutineThreadsafe(
                                Coros.after(
                                    () -> Coroutine.of(null),
                                    ignored -> Asyncio.createTask(Asyncio.sleep(5))),
                                loop);
                        Task<?> t = sleeper.get(20, TimeUnit.SECONDS);
                        Thread.sleep(30);
                        loop.callSoonThreadsafe(() -> never.setResult("late"));
                        r[3] = t;
                        return cf.get(20, TimeUnit.SECONDS);
                      });
                },
                v -> {
                  r[0] = v;
                  r[1] = getRunningLoop().time();
                  r[3] = ((Task<?>) r[3]).isDone();
                })),
        vt());
    assertEquals("late", r[0]);
    assertEquals(0.0, r[1], "the clock moved while the job worked after its timed-out wait");
    assertTrue(r[2] instanceof TimeoutException);
    assertEquals(false, r[3], "the sleep(5) task must still be pending");
  }

  /** A failure and a cancellation reach the waiting job, and the clock is handed back for each. */
  @Test
  void failuresAndCancellationsReachTheWaitingJob() {
    IllegalStateException boom = new IllegalStateException("boom");
    Object[] r = new Object[4];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  EventLoop loop = getRunningLoop();
                  return Asyncio.toThread(
                      () -> {
                        r[2] =
                            assertThrows(
                                    ExecutionException.class,
                                    () ->
                                        Asyncio.runCoroutineThreadsafe(
                                                Coros.sleepThenThrow(2, boom), loop)
                                            .get())
                                .getCause();
                        CompletableFuture<Object> cancelled =
                            Asyncio.runCoroutineThreadsafe(
                                Coros.after(
                                    () -> Asyncio.sleep(1),
                                    v -> {
                                      throw new CancelledError("from inside");
                                    }),
                                loop);
                        r[3] =
                            assertThrows(
                                java.util.concurrent.CancellationException.class, cancelled::join);
                        return "done";
                      });
                },
                v -> {
                  r[0] = v;
                  r[1] = getRunningLoop().time();
                })),
        vt());
    assertEquals("done", r[0]);
    assertEquals(3.0, r[1]);
    assertSame(boom, r[2]);
  }

  /**
   * A job of another loop (or a plain thread) never held this loop's clock, so its waits change
   * nothing; and a job's own loop is recorded only while the job runs.
   */
  @Test
  void onlyJobsOfTheFuturesLoopReleaseIt() throws Exception {
    assertSame(null, EventLoop.jobLoopOfCurrentThread());
    Object[] r = new Object[2];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> {
                  EventLoop loop = getRunningLoop();
                  return Asyncio.toThread(
                      () -> {
                        r[1] = EventLoop.jobLoopOfCurrentThread() == loop;
                        return "x";
                      });
                },
                v -> r[0] = v)),
        vt());
    assertEquals("x", r[0]);
    assertEquals(true, r[1]);
    assertSame(null, EventLoop.jobLoopOfCurrentThread());
  }
}
