package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The loop skips the selector poll while no channel was ever registered and callbacks are ready.
 * These tests keep the ready queue busy (a task that yields until told to stop) so that the
 * shortcut is taken on every iteration: anything it would starve makes the busy task run out of
 * rounds and stop the loop, failing the test (no timing assertion).
 */
@Timeout(30)
class LoopShortcutTest {

  /**
   * A task that yields (sleep(0)) until {@code stop[0]}, counting its rounds; after {@code limit}
   * rounds it stops the loop (the test then fails): what it waited for was starved.
   */
  private static Coroutine<Void> busy(boolean[] stop, int[] rounds, int limit) {
    return IoCoros.loop(
        Integer.MAX_VALUE,
        () -> sleep(0),
        v -> {
          if (++rounds[0] >= limit) {
            EventLoop.current().stop();
            return false;
          }
          return !stop[0];
        });
  }

  /**
   * asyncio: I/O is polled on every iteration, even when callbacks are ready (select with timeout
   * 0). A loop that ran without channels and then opens a server and a connection must serve a
   * loopback echo while another task keeps yielding.
   */
  @Test
  void aLoopThatStartsUsingSocketsWhileBusyStillServesThem() {
    boolean[] stop = {false};
    int[] rounds = {0};
    int[] port = new int[1];
    Connection[] conn = new Connection[1];
    List<String> got = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> createTask(busy(stop, rounds, 20_000_000))),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0)), // some iterations without any channel
            Coros.await(
                () -> Asyncio.startServer(IoCoros.echo("echo "), "127.0.0.1", 0),
                s -> port[0] = s.sockets().get(0).getPort()),
            Coros.await(() -> Asyncio.openConnection("127.0.0.1", port[0]), c -> conn[0] = c),
            Coros.run(() -> conn[0].writer().write(IoCoros.bytes("hi\n"))),
            Coros.await(() -> conn[0].reader().readLine(), l -> got.add(IoCoros.str(l))),
            Coros.run(() -> conn[0].writer().write(IoCoros.bytes("again\n"))),
            Coros.await(() -> conn[0].reader().readLine(), l -> got.add(IoCoros.str(l))),
            Coros.run(
                () -> {
                  stop[0] = true;
                  conn[0].writer().close();
                })),
        LoopTesting.realTime());
    assertEquals(List.of("echo hi\n", "echo again\n"), got);
    assertTrue(rounds[0] > 2, "the busy task ran " + rounds[0] + " rounds");
  }

  /**
   * asyncio: call_soon_threadsafe callbacks run at the next iteration even when the loop never
   * waits (ready callbacks all the time) and has no channel: no lost wake-up.
   */
  @Test
  void callSoonThreadsafeRunsWhileTheLoopBusyYieldsWithoutChannels() {
    boolean[] stop = {false};
    int[] rounds = {0};
    int[] ran = {0};
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = EventLoop.current();
                  Thread t =
                      new Thread(
                          () -> {
                            for (int i = 0; i < 100; i++) {
                              loop.callSoonThreadsafe(() -> ran[0]++);
                            }
                            loop.callSoonThreadsafe(() -> stop[0] = true);
                          });
                  t.start();
                }),
            Coros.await(() -> busy(stop, rounds, 200_000_000))),
        LoopTesting.realTime());
    assertEquals(100, ran[0]);
  }
}
