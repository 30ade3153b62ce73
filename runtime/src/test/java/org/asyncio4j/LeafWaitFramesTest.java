package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A task waiting in a queue get/put or a lock acquire shows the same innermost frame, repr and dump
 * whether the call is performed by the task's step (awaited directly, outside debug mode: no
 * coroutine of its own on the chain) or runs as a coroutine (debug mode), as Python's {@code
 * get_stack()} ends in {@code queues.py get}.
 */
@Timeout(10)
class LeafWaitFramesTest {

  /**
   * What a task waiting in the call that {@code fresh} sets up (new objects for each loop) looks
   * like: its innermost frame, its repr's chain, its block of the task dump.
   */
  private static List<String> waitingIn(
      boolean debug, Supplier<Supplier<Awaitable<?>>> fresh) {
    List<String> seen = new ArrayList<>();
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Supplier<Awaitable<?>> call = fresh.get();
                  t[0] = createTask(Coros.steps(Coros.await(call::get)), "waiter");
                }),
            Coros.await(() -> sleep(0)), // the task waits
            Coros.run(
                () -> {
                  seen.add(t[0].getStack().get(0).toString());
                  String repr = t[0].toString();
                  seen.add(repr.substring(repr.indexOf(" -> "), repr.indexOf(" wait_for=")));
                  String dump = Asyncio.dumpTasks();
                  int at = dump.indexOf("Task 'waiter'");
                  seen.add(dump.substring(at, dump.indexOf('\n', dump.indexOf("  at ", at))));
                  t[0].cancel();
                })),
        RunOptions.create().virtualTime(true).debug(debug));
    return seen;
  }

  @Test
  void aGetOnAnEmptyQueue() {
    Supplier<Supplier<Awaitable<?>>> fresh =
        () -> {
          Queue<String> q = new Queue<>();
          return q::get;
        };
    List<String> direct = waitingIn(false, fresh);
    assertEquals("org.asyncio4j.Queue$Getting.resume(Queue.get())", direct.get(0));
    assertEquals(" -> Queue.get()", direct.get(1));
    assertTrue(
        direct.get(2).endsWith("\n  at org.asyncio4j.Queue$Getting.resume(Queue.get())"),
        direct.get(2));
    assertEquals(waitingIn(true, fresh), direct);
  }

  @Test
  void aPutIntoAFullQueue() {
    Supplier<Supplier<Awaitable<?>>> fresh =
        () -> {
          Queue<String> q = new Queue<>(1);
          q.putNowait("x");
          return () -> q.put("y");
        };
    List<String> direct = waitingIn(false, fresh);
    assertEquals("org.asyncio4j.Queue$Putting.resume(Queue.put(y))", direct.get(0));
    assertEquals(waitingIn(true, fresh), direct);
  }

  @Test
  void aContendedLockAcquire() {
    Supplier<Supplier<Awaitable<?>>> fresh =
        () -> {
          Lock lock = new Lock();
          lock.acquire(); // free: held at once
          return lock::acquire;
        };
    List<String> direct = waitingIn(false, fresh);
    assertEquals("org.asyncio4j.Lock$Acquiring.resume(Lock.acquire())", direct.get(0));
    assertEquals(waitingIn(true, fresh), direct);
  }
}
