package org.asyncio4j;

import static org.asyncio4j.LoopTesting.realTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Busy polling in the loop ({@link BusyPoll}, {@link RunOptions#busyPoll}): work that comes while
 * the loop polls (another thread's callback, I/O, a timer due within the budget) is taken without
 * blocking in the selector, and nothing is lost or reordered either way. Which waits blocked is
 * read from the loop's {@code blockedWaits} count, never from durations: the budgets here (seconds)
 * are far longer than the work takes to arrive (milliseconds).
 */
@Timeout(30)
class BusyPollLoopTest {

  /** Runs {@code main} on a new real-time loop with busy polling {@code seconds}; returns the loop. */
  private static <T> EventLoop run(double seconds, Coroutine<T> main, List<Object> results) {
    return run(seconds, Long.MAX_VALUE, main, results);
  }

  /**
   * As above, with a yield between polls counting as contention when it takes longer than {@code
   * contendedNanos}. The other tests never count it: on the test machine the JVM's compiler and GC
   * threads share the loop's CPU, and the loop would rightly stop polling for them.
   */
  private static <T> EventLoop run(
      double seconds, long contendedNanos, Coroutine<T> main, List<Object> results) {
    EventLoop loop = EventLoop.create(realTime().busyPoll(seconds));
    loop.busyPoll().setContendedNanos(contendedNanos);
    try {
      results.add(loop.runUntilComplete(main));
    } finally {
      loop.close();
    }
    return loop;
  }

  private static Coroutine<Integer> fromAnotherThreadAfter(long millis) {
    return Coros.after(
        () ->
            Asyncio.toThread(
                () -> {
                  Thread.sleep(millis);
                  return 42;
                }),
        v -> v);
  }

  @Test
  void anotherThreadsResultArrivingWhileTheLoopPollsIsTakenWithoutBlocking() {
    List<Object> results = new ArrayList<>();
    EventLoop loop = run(10, fromAnotherThreadAfter(20), results);
    assertEquals(List.of(42), results);
    assertEquals(0, loop.blockedWaits, "the loop polled until the result came");
    assertEquals(0, loop.selectorWakeups, "the other thread did not wake a selector nobody waits in");
  }

  @Test
  void withBusyPollingOffTheSameWaitBlocks() {
    List<Object> results = new ArrayList<>();
    EventLoop loop = run(0, fromAnotherThreadAfter(20), results);
    assertEquals(List.of(42), results);
    assertTrue(loop.blockedWaits >= 1, "blocked waits: " + loop.blockedWaits);
    assertTrue(loop.selectorWakeups >= 1, "the result woke the blocked selector");
  }

  @Test
  void callbacksFromManyThreadsWhileTheLoopPollsOrBlocksAllRunInOrderPerThread() throws Exception {
    // Threads add callbacks while the loop polls, blocks, or is between the two (the window
    // where it has stopped polling but not yet blocked): none is lost, each thread's run in order.
    for (double budget : new double[] {0, 20e-6, 10}) {
      EventLoop loop = EventLoop.create(realTime().busyPoll(budget));
      int threads = 4;
      int perThread = 2_000;
      List<List<Integer>> seen = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        seen.add(new ArrayList<>());
      }
      Future<Void> all = loop.createFuture();
      int[] left = {threads * perThread};
      List<Thread> producers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        producers.add(
            new Thread(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    int v = i;
                    loop.callSoonThreadsafe(
                        () -> {
                          seen.get(id).add(v);
                          if (--left[0] == 0) {
                            all.setResult(null);
                          }
                        });
                    if (i % 64 == 0) {
                      LoopTesting.busyFor(30_000); // let the loop go idle now and then
                    }
                  }
                }));
      }
      producers.forEach(Thread::start);
      try {
        loop.runUntilComplete(all);
      } finally {
        for (Thread p : producers) {
          p.join();
        }
        loop.close();
      }
      for (int t = 0; t < threads; t++) {
        assertEquals(perThread, seen.get(t).size(), "budget " + budget + ", thread " + t);
        for (int i = 0; i < perThread; i++) {
          assertEquals(i, seen.get(t).get(i), "budget " + budget + ", thread " + t);
        }
      }
    }
  }

  @Test
  void aYieldThatLetAnotherThreadRunStopsPollingAndTheLoopBlocks() {
    // Contention at 0 ns: every yield between two polls counts as another thread having run.
    List<Object> results = new ArrayList<>();
    EventLoop loop = run(10, 0, fromAnotherThreadAfter(20), results);
    assertEquals(List.of(42), results);
    assertEquals(1, loop.blockedWaits, "polled, yielded once, saw contention, then blocked");
    assertFalse(loop.busyPoll().polling());
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void interruptingTheLoopThreadWhileItPollsStopsTheLoop() throws InterruptedException {
    // A budget of 1000 s: if the poll ignored the interrupt, the 30 s timeout would fail the test
    // (on a thread of its own: a loop that ignores interrupts ignores the same-thread timeout's).
    // Contention is not counted: the other thread's getStackTrace() calls stop the loop thread for
    // handshakes, which would make its yields slow and its polling stop.
    EventLoop loop = EventLoop.create(realTime().busyPoll(1000));
    loop.busyPoll().setContendedNanos(Long.MAX_VALUE);
    LoopTesting.assertInterruptStopsTheLoop(loop, BusyPollLoopTest::inPollUntil);
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void interruptingTheLoopThreadWhileItPollsForATimerStopsTheLoop() throws InterruptedException {
    // The timer, due in 100 s, is within the 1000 s budget: the loop polls for it instead of
    // blocking, and the interrupt must end that wait too (not only a wait that would block).
    EventLoop loop = EventLoop.create(realTime().busyPoll(1000));
    loop.busyPoll().setContendedNanos(Long.MAX_VALUE);
    loop.callLater(100, () -> {});
    LoopTesting.assertInterruptStopsTheLoop(loop, BusyPollLoopTest::inPollUntil);
  }

  private static boolean inPollUntil(Thread loopThread) {
    for (StackTraceElement e : loopThread.getStackTrace()) {
      if (e.getMethodName().equals("pollUntil")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aTimerDueWithinTheBudgetRunsWithoutBlockingAndNotEarly() {
    List<Object> results = new ArrayList<>();
    double[] slept = new double[1];
    EventLoop loop =
        run(
            10,
            Coros.steps(
                Coros.run(() -> slept[0] = -Asyncio.getRunningLoop().time()),
                Coros.await(() -> Asyncio.sleep(0.002)),
                Coros.run(() -> slept[0] += Asyncio.getRunningLoop().time())),
            results);
    assertEquals(0, loop.blockedWaits);
    assertTrue(slept[0] >= 0.002, "slept " + slept[0] + " s");

    EventLoop off = run(0, Coros.sleepThen(0.002, "slept"), results);
    assertTrue(off.blockedWaits >= 1, "without busy polling the sleep blocks in the selector");
  }

  @Test
  void socketDataArrivingWhileTheLoopPollsIsReadWithoutBlocking() throws Exception {
    // The server runs on the loop; the client is a plain blocking socket on another thread that
    // connects, waits, sends a line and reads the echo: the accept and every read reach the loop
    // while it polls.
    CompletableFuture<String> echoed = new CompletableFuture<>();
    int[] port = new int[1];
    Server[] server = new Server[1];
    List<Object> results = new ArrayList<>();
    EventLoop loop =
        run(
            10,
            Coros.steps(
                Coros.await(
                    () -> Asyncio.startServer(IoCoros.echo("echo: "), "127.0.0.1", 0),
                    s -> {
                      server[0] = s;
                      port[0] = s.sockets().get(0).getPort();
                      Thread client = new Thread(() -> client(port[0], echoed), "busy-poll-client");
                      client.setDaemon(true);
                      client.start();
                    }),
                Coros.await(() -> Asyncio.wrapFuture(echoed), results::add),
                Coros.run(() -> server[0].close()),
                Coros.await(() -> server[0].waitClosed())),
            results);
    assertEquals("echo: ping\n", results.get(0));
    assertEquals(0, loop.blockedWaits, "the accept and the reads arrived while the loop polled");
  }

  private static void client(int port, CompletableFuture<String> echoed) {
    try (SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
      Thread.sleep(20);
      ch.write(ByteBuffer.wrap("ping\n".getBytes(StandardCharsets.UTF_8)));
      ByteBuffer in = ByteBuffer.allocate(64);
      while (in.position() == 0 || in.get(in.position() - 1) != '\n') {
        if (ch.read(in) < 0) {
          break;
        }
      }
      echoed.complete(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
    } catch (IOException | InterruptedException | RuntimeException e) {
      echoed.completeExceptionally(e);
    }
  }

  @Test
  void theBudgetIsReadAndSetInSeconds() {
    EventLoop loop = EventLoop.create(realTime());
    try {
      assertEquals(50e-6, loop.getBusyPoll(), 1e-12, "the default");
      loop.setBusyPoll(0.001);
      assertEquals(0.001, loop.getBusyPoll(), 1e-12);
      loop.setBusyPoll(0);
      assertEquals(0, loop.getBusyPoll());
    } finally {
      loop.close();
    }
    assertEquals(0.25, EventLoop.create(realTime().busyPoll(0.25)).getBusyPoll(), 1e-12);
  }

  @Test
  void aNegativeOrNonNumericBudgetIsRefusedWithTheFix() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RunOptions.create().busyPoll(-1));
    assertEquals("busyPoll must be >= 0 seconds (0 turns busy polling off), got -1.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RunOptions.create().busyPoll(Double.NaN));
    EventLoop loop = EventLoop.create(realTime());
    try {
      assertThrows(IllegalArgumentException.class, () -> loop.setBusyPoll(-0.5));
      assertEquals(50e-6, loop.getBusyPoll(), 1e-12, "a refused value changes nothing");
    } finally {
      loop.close();
    }
  }

  @Test
  void theSystemPropertySetsTheDefault() {
    assertEquals(50e-6, RunOptions.busyPollFromProperty(null), 1e-12);
    assertEquals(50e-6, RunOptions.busyPollFromProperty(" "), 1e-12);
    assertEquals(0, RunOptions.busyPollFromProperty("0"));
    assertEquals(0.0001, RunOptions.busyPollFromProperty(" 0.0001 "), 1e-12);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RunOptions.busyPollFromProperty("50us"));
    assertEquals(
        "system property asyncio4j.busyPoll=50us is not a number of seconds >= 0: give how long an"
            + " idle loop polls before it blocks, e.g. -Dasyncio4j.busyPoll=0.00005 (50 us, the"
            + " default), or 0 to turn busy polling off",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RunOptions.busyPollFromProperty("-1"));
    assertTrue(RunOptions.create().busyPoll(0.5).toString().contains("busyPoll=0.5"));
  }
}
