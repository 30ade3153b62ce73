package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.currentTask;
import static org.asyncio4j.Asyncio.getRunningLoop;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.LoopTesting.vt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scenarios TASK-01..12 of asyncio-scenarios.md, and the task contract of docs/design.md §2
 * (trampoline, strong references, allocation-free hot paths).
 *
 * <p>TASK-10 (the awaited exception's {@code __context__} is the exception being handled) has no
 * Java counterpart: Java exceptions carry no implicit context. {@link
 * #task10_awaitedExceptionArrivesWithIdentityWhileHandlingAnother} checks the Java analogue: the
 * exception arrives with its identity and its cause untouched inside a catch block.
 */
class TaskTest {

  @Test
  void task01_createTaskSchedulesButStartsOnlyWhenTheCreatorYields() {
    List<String> log = new ArrayList<>();
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> t[0] = createTask(Coros.steps(Coros.run(() -> log.add("child runs"))))),
            Coros.run(() -> log.add("parent continues")),
            Coros.await(() -> t[0]),
            Coros.run(() -> log.add("parent awaited"))),
        vt());
    assertEquals(List.of("parent continues", "child runs", "parent awaited"), log);
  }

  @Test
  void task02_namesDefaultToTaskNNumberedPerLoop() {
    List<String> names = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  names.add(currentTask().getName());
                  Task<?> named = createTask(sleep(0), "fetch_user_data");
                  names.add(named.getName());
                  named.setName("renamed");
                  names.add(named.getName());
                  names.add(createTask(sleep(0)).getName());
                  names.add(named.toString());
                })),
        vt());
    assertEquals("Task-1", names.get(0));
    assertEquals("fetch_user_data", names.get(1));
    assertEquals("renamed", names.get(2));
    assertTrue(names.get(3).matches("Task-\\d+"), names.get(3));
    assertEquals("Task-3", names.get(3));
    assertTrue(names.get(4).contains("name='renamed'"), names.get(4));
    // A new loop numbers its tasks from 1 again.
    assertEquals(
        "Task-1", Asyncio.run(Coros.after(() -> sleep(0), v -> currentTask().getName()), vt()));
  }

  /** The creating coroutine is kept only while the task runs (for reports), never after. */
  @Test
  void aTaskForgetsItsCreatorWhenItCompletes() {
    Object[] r = new Object[3];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Task<Void> t = createTask(sleep(1));
                  r[0] = t;
                  r[1] = t.creator == currentTask().getCoroutine();
                }),
            Coros.await(() -> (Task<?>) r[0]),
            Coros.run(() -> r[2] = ((Task<?>) r[0]).creator)),
        vt());
    assertEquals(true, r[1]);
    assertNull(r[2]);
  }

  @Test
  void task03_currentTaskAndAllTasks() {
    Object[] seen = new Object[6];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Task<?> me = currentTask();
                  seen[0] = me;
                  Task<?> child =
                      createTask(
                          Coros.steps(
                              Coros.run(() -> seen[1] = currentTask()),
                              Coros.await(() -> sleep(1))));
                  seen[2] = child;
                  seen[3] = Asyncio.allTasks().size();
                  seen[4] = Asyncio.allTasks();
                }),
            Coros.await(() -> (Task<?>) seen[2]),
            Coros.run(() -> seen[5] = Asyncio.allTasks().size())),
        vt());
    assertSame(seen[2], seen[1], "the child saw itself");
    assertNotSame(seen[0], seen[1]);
    assertEquals(2, seen[3]);
    assertEquals(Set.of(seen[0], seen[2]), seen[4]);
    assertEquals(1, seen[5]);
  }

  @Test
  void currentTaskIsNullInAPlainCallback() {
    Object[] seen = {"unset"};
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> getRunningLoop().callSoon(() -> seen[0] = currentTask())),
            Coros.await(() -> sleep(0))),
        vt());
    assertNull(seen[0]);
  }

  @Test
  void task04_currentTaskWithoutARunningLoop() {
    IllegalStateException e = assertThrows(IllegalStateException.class, Asyncio::currentTask);
    assertTrue(e.getMessage().startsWith("no running event loop"), e.getMessage());
    assertThrows(IllegalStateException.class, Asyncio::allTasks);
    assertThrows(IllegalStateException.class, Asyncio::getRunningLoop);
  }

  @Test
  void task05_pendingTaskHasNoResultNorException() {
    Throwable[] errors = new Throwable[2];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Task<?> t = createTask(sleep(1));
                  errors[0] = assertThrows(InvalidStateError.class, t::result);
                  errors[1] = assertThrows(InvalidStateError.class, t::exception);
                  t.cancel();
                })),
        vt());
    assertTrue(errors[0].getMessage().contains("pending"), errors[0].getMessage());
  }

  @Test
  void task06_failedTask() {
    IllegalArgumentException x = new IllegalArgumentException("x");
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> t[0] = createTask(Coros.raising(x))),
            Coros.await(() -> sleep(0)),
            Coros.run(
                () -> {
                  assertSame(x, assertThrows(IllegalArgumentException.class, t[0]::result));
                  assertSame(x, t[0].exception());
                  assertTrue(t[0].isDone());
                  assertFalse(t[0].isCancelled());
                })),
        vt());
    assertSame(x, t[0].exception(), "still readable after the loop closed");
  }

  @Test
  void task07_doneCallbacksRunInRegistrationOrderWithTheTask() {
    List<Object> log = new ArrayList<>();
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Task<Integer> task = createTask(Coroutine.of(5));
                  t[0] = task;
                  task.addDoneCallback(f -> log.add(List.of("cb1", f, f.result())));
                  task.addDoneCallback(f -> log.add(List.of("cb2", f)));
                  log.add("marker");
                }),
            Coros.await(() -> sleep(0)),
            Coros.await(() -> sleep(0))),
        vt());
    assertEquals(List.of("marker", List.of("cb1", t[0], 5), List.of("cb2", t[0])), log);
  }

  @Test
  void task08_callbackOnADoneTaskIsScheduledNotCalled() {
    List<String> log = new ArrayList<>();
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> t[0] = createTask(Coros.sleepThen(0.01, "r"))),
            Coros.await(() -> t[0]),
            Coros.run(
                () -> {
                  t[0].addDoneCallback(f -> log.add("cb"));
                  log.add("added");
                }),
            Coros.await(() -> sleep(0))),
        vt());
    assertEquals(List.of("added", "cb"), log);
  }

  @Test
  void task09_aTaskCannotAwaitItself() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Asyncio.run(Coros.steps(Coros.await(Asyncio::currentTask)), vt()));
    assertTrue(e.getMessage().contains("Task cannot await on itself"), e.getMessage());
  }

  @Test
  void task10_awaitedExceptionArrivesWithIdentityWhileHandlingAnother() {
    IllegalArgumentException value = new IllegalArgumentException("value");
    Throwable[] caught = new Throwable[1];
    Coroutine<Void> handling =
        new Coroutine<>() {
          Task<Object> failing;

          @Override
          protected void resume() {
            switch (label) {
              case 0:
                failing = createTask(Coros.raising(value));
                try {
                  throw new IndexOutOfBoundsException("key");
                } catch (IndexOutOfBoundsException key) {
                  if (!await(failing, 1)) {
                    return;
                  }
                }
                // fall through
              case 1:
                try {
                  awaitResult();
                } catch (IllegalArgumentException e) {
                  caught[0] = e;
                }
                complete(null);
                return;
              default:
                throw new AssertionError(label);
            }
          }
        };
    Asyncio.run(handling, vt());
    assertSame(value, caught[0]);
    assertNull(caught[0].getCause());
    assertEquals(0, caught[0].getSuppressed().length);
  }

  @Test
  void task11_tasksRejectSetResultAndSetException() {
    Throwable[] errors = new Throwable[2];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Task<Object> t = createTask(Coroutine.of("x"));
                  errors[0] = assertThrows(IllegalStateException.class, () -> t.setResult("y"));
                  errors[1] =
                      assertThrows(
                          IllegalStateException.class,
                          () -> t.setException(new RuntimeException()));
                }),
            Coros.await(() -> sleep(0))),
        vt());
    assertTrue(errors[0].getMessage().contains("setResult"), errors[0].getMessage());
    assertTrue(errors[1].getMessage().contains("setException"), errors[1].getMessage());
  }

  @Test
  void task12_createTaskWithoutARunningLoop() {
    List<String> log = new ArrayList<>();
    Coroutine<Void> coro = Coros.steps(Coros.run(() -> log.add("body ran")));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> createTask(coro));
    assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
    assertEquals(List.of(), log);
    // The coroutine was not consumed: it can still run.
    Asyncio.run(coro, vt());
    assertEquals(List.of("body ran"), log);
  }

  @Test
  void aCoroutineCanBeScheduledOnlyOnce() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Asyncio.run(
                    Coros.steps(
                        Coros.run(
                            () -> {
                              Coroutine<Void> c = sleep(1);
                              createTask(c);
                              createTask(c);
                            })),
                    vt()));
    assertTrue(e.getMessage().contains("a coroutine runs once"), e.getMessage());
    assertThrows(
        NullPointerException.class,
        () -> Asyncio.run(Coros.steps(Coros.run(() -> createTask(null))), vt()));
  }

  @Test
  void completedCoroutinesMakeTasksAndCanBeAwaitedRepeatedly() {
    assertEquals(
        List.of(3, 3),
        Asyncio.run(
            Coros.after(
                () -> createTask(Coroutine.of(3)),
                v -> {
                  return List.of(v, 3);
                }),
            vt()));
    Coroutine<Integer> shared = Coroutine.of(1);
    int[] sum = {0};
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> shared, v -> sum[0] += v),
            Coros.await(() -> shared, v -> sum[0] += v),
            Coros.await(Coroutine::done)),
        vt());
    assertEquals(2, sum[0]);
  }

  @Test
  void getCoroutineAndToString() {
    Coroutine<String> c = Coros.sleepThen(1, "r");
    String[] s = new String[2];
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> t[0] = createTask(c, "named")),
            Coros.await(() -> sleep(0.5)),
            Coros.run(() -> s[0] = t[0].toString()),
            Coros.await(() -> t[0]),
            Coros.run(() -> s[1] = t[0].toString())),
        vt());
    assertSame(c, t[0].getCoroutine());
    assertTrue(s[0].startsWith("<Task pending name='named' coro="), s[0]);
    assertTrue(s[0].contains("wait_for=<Future pending>"), s[0]);
    assertTrue(s[1].startsWith("<Task finished name='named'"), s[1]);
    assertTrue(s[1].endsWith("result=r>"), s[1]);
  }

  @Test
  void toStringShowsTheAwaitChainAndElidesDeepOnes() {
    String[] s = new String[1];
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> t[0] = createTask(new CoroutineContractTest.Chain(10, true), "deep")),
            Coros.await(() -> sleep(0.5)),
            Coros.run(() -> s[0] = t[0].toString()),
            Coros.await(() -> t[0])),
        vt());
    String c = "CoroutineContractTest$Chain";
    assertEquals(
        "<Task pending name='deep' coro="
            + c
            + " -> "
            + c
            + " -> "
            + c
            + " -> ... (7 more) -> "
            + c
            + " -> sleep(1.0) wait_for=<Future pending>>",
        s[0]);
    assertEquals("<Task finished name='deep' coro=" + c + " result=10>", t[0].toString());
  }

  /**
   * A coroutine that returns from resume() without completing or suspending is a bug, not a hang.
   */
  @Test
  void aCoroutineThatNeitherCompletesNorSuspendsFailsItsTask() {
    Coroutine<Void> broken =
        new Coroutine<>() {
          @Override
          protected void resume() {
            // forgot complete(...) and did not await anything
          }
        };
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Asyncio.run(broken, vt()));
    assertTrue(e.getMessage().contains("without completing or suspending"), e.getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // Allocation-free hot paths (docs/design.md §2): measured with the JDK's per-thread allocation
  // counter, which counts every byte this thread allocates.

  /** Awaits {@code n} coroutines, each of which awaits a done future and completes. */
  static final class SpawnAndAwait extends Coroutine<Long> {
    final int n;
    final Coroutine<?>[] children;
    final Task<?>[] tasks;
    int i;
    long sum;

    SpawnAndAwait(int n) {
      this.n = n;
      this.children = new Coroutine<?>[n];
      this.tasks = new Task<?>[n];
      for (int k = 0; k < n; k++) {
        children[k] = new AwaitDone();
      }
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            if (i == n) {
              complete(sum);
              return;
            }
            tasks[i] = task.loop.createTask(children[i]);
            if (!await(tasks[i], 1)) {
              return;
            }
            // fall through
          case 1:
            {
              Integer v = awaitResult();
              sum += v;
              i++;
              label = 0;
              continue;
            }
          default:
            throw new AssertionError(label);
        }
      }
    }
  }

  /** Awaits a done future of its loop once and completes with its value (a small Integer). */
  static final class AwaitDone extends Coroutine<Integer> {
    @Override
    protected void resume() {
      switch (label) {
        case 0:
          Future<Integer> f = doneFuture(task.loop);
          if (!await(f, 1)) {
            return;
          }
          // fall through
        case 1:
          complete(awaitResult());
          return;
        default:
          throw new AssertionError(label);
      }
    }
  }

  private static final java.util.Map<EventLoop, Future<Integer>> DONE =
      new java.util.IdentityHashMap<>();

  static Future<Integer> doneFuture(EventLoop loop) {
    return DONE.get(loop);
  }

  @Test
  void taskCreateRunCompleteAllocatesOnlyTheTask() {
    com.sun.management.ThreadMXBean mx = threadMxBean();
    int n = 20_000;
    EventLoop loop = EventLoop.create(vt());
    try {
      Future<Integer> done = loop.createFuture();
      done.setResult(1);
      DONE.put(loop, done);
      // Warm up: class loading, queue growth.
      assertEquals(n, loop.runUntilComplete(new SpawnAndAwait(n)));
      SpawnAndAwait measured = new SpawnAndAwait(n);
      long before = mx.getCurrentThreadAllocatedBytes();
      long result = loop.runUntilComplete(measured);
      long allocated = mx.getCurrentThreadAllocatedBytes() - before;
      assertEquals(n, result);
      long perTask = allocated / n;
      // One Task is 88 bytes with compressed oops (HotSpot 17 and 25): any extra object per task
      // (a lambda, a list node, a boxed value) crosses the bound.
      assertTrue(perTask < 104, "allocated " + perTask + " bytes per task");
    } finally {
      DONE.remove(loop);
      loop.close();
    }
  }

  /**
   * Steps a task {@code n} times through a pending future completed by a callback: waking is free.
   */
  static final class PingPong extends Coroutine<Integer> {
    final int n;
    final Future<Integer>[] futures;
    int i;

    @SuppressWarnings("unchecked")
    PingPong(EventLoop loop, int n) {
      this.n = n;
      this.futures = new Future[n];
      for (int k = 0; k < n; k++) {
        futures[k] = loop.createFuture();
      }
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            if (i == n) {
              complete(i);
              return;
            }
            Future<Integer> f = futures[i];
            task.loop.callSoon(RESOLVER[0]);
            current[0] = f;
            if (!await(f, 1)) {
              return;
            }
            // fall through
          case 1:
            awaitResult();
            i++;
            label = 0;
            continue;
          default:
            throw new AssertionError(label);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  static final Future<Integer>[] current = new Future[1];

  static final Runnable[] RESOLVER = {() -> current[0].setResult(7)};

  @Test
  void wakingATaskAllocatesOnlyTheCallbackHandle() {
    com.sun.management.ThreadMXBean mx = threadMxBean();
    int n = 20_000;
    EventLoop loop = EventLoop.create(vt());
    try {
      assertEquals(n, loop.runUntilComplete(new PingPong(loop, n)));
      PingPong measured = new PingPong(loop, n);
      long before = mx.getCurrentThreadAllocatedBytes();
      assertEquals(n, loop.runUntilComplete(measured));
      long perWake = (mx.getCurrentThreadAllocatedBytes() - before) / n;
      // One Handle per callSoon (the test's way to complete the future) and nothing per wake-up.
      assertTrue(perWake < 40, "allocated " + perWake + " bytes per wake-up");
    } finally {
      loop.close();
    }
  }

  @Test
  void awaitingADoneFutureAllocatesNothing() {
    com.sun.management.ThreadMXBean mx = threadMxBean();
    EventLoop loop = EventLoop.create(vt());
    try {
      loop.runUntilComplete(new CoroutineContractTest.DoneLoop());
      CoroutineContractTest.DoneLoop measured = new CoroutineContractTest.DoneLoop();
      long before = mx.getCurrentThreadAllocatedBytes();
      loop.runUntilComplete(measured);
      long allocated = mx.getCurrentThreadAllocatedBytes() - before;
      // 10M awaits; a task, a future and a few callbacks are allowed, not one object per await.
      assertTrue(allocated < 100_000, "allocated " + allocated + " bytes for 10M awaits");
    } finally {
      loop.close();
    }
  }

  private static com.sun.management.ThreadMXBean threadMxBean() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
    com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) mx;
    assumeTrue(sun.isThreadAllocatedMemorySupported(), "no per-thread allocation counter");
    sun.setThreadAllocatedMemoryEnabled(true);
    return sun;
  }
}
