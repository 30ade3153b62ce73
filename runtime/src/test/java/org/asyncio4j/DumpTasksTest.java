package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.LoopTesting.vt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Task dumps (issue #8): {@link Asyncio#dumpTasks()}, {@link EventLoop#dumpTasksThreadsafe()} and
 * the dump printed on a signal ({@link RunOptions#dumpOnSignal}), with the exact text users see.
 */
class DumpTasksTest {

  /**
   * main gathers two workers that fetch (sleep 10 s and 5 s) and one that waits on a future nobody
   * completes; at t=1 a callback dumps the tasks.
   */
  static Coroutine<Object> shop(Future<Object> never, List<String> dumps) {
    return DemoCoros.awaiting(
        "main",
        10,
        14,
        () -> {
          Asyncio.getRunningLoop().callLater(1, () -> dumps.add(Asyncio.dumpTasks()));
          Task<Object> w1 =
              createTask(
                  DemoCoros.awaiting("worker", 20, 22, () -> DemoCoros.awaiting("fetch", 30, 31, () -> sleep(10, null))),
                  "worker-1");
          Task<Object> w2 =
              createTask(
                  DemoCoros.awaiting("worker", 20, 22, () -> DemoCoros.awaiting("fetch", 30, 31, () -> sleep(5, null))),
                  "worker-2");
          Task<Object> w3 = createTask(DemoCoros.awaiting("listen", 40, 43, () -> never), "listener");
          @SuppressWarnings("unchecked")
          Future<Object> all = (Future<Object>) (Future<?>) gather(w1, w2);
          Asyncio.getRunningLoop().callLater(2, () -> never.setResult("done"));
          return all;
        });
  }

  @Test
  void dumpListsEveryTaskWithStateWaitChainAndTree() {
    List<String> dumps = new ArrayList<>();
    EventLoop loop = EventLoop.create(vt());
    try {
      Future<Object> never = loop.createFuture();
      loop.runUntilComplete(shop(never, dumps));
    } finally {
      loop.close();
    }
    assertEquals(1, dumps.size());
    assertEquals(
        String.join(
            "\n",
            "4 tasks at loop time 1.000",
            "",
            "Task 'Task-1' waiting for gather of task 'worker-1', task 'worker-2'",
            "  at demo.Shop.main(Shop.java:14)",
            "",
            "Task 'worker-1' waiting for sleep(10.0), 9.000 s left",
            "  at org.asyncio4j.Sleep.resume(sleep(10.0))",
            "  at demo.Shop.fetch(Shop.java:31)",
            "  at demo.Shop.worker(Shop.java:22)",
            "  awaited by task 'Task-1'",
            "",
            "Task 'worker-2' waiting for sleep(5.0), 4.000 s left",
            "  at org.asyncio4j.Sleep.resume(sleep(5.0))",
            "  at demo.Shop.fetch(Shop.java:31)",
            "  at demo.Shop.worker(Shop.java:22)",
            "  awaited by task 'Task-1'",
            "",
            "Task 'listener' waiting for <Future pending>",
            "  at demo.Shop.listen(Shop.java:43)",
            "",
            "Await tree:",
            "└── Task 'Task-1' at demo.Shop.main(Shop.java:14)",
            "    ├── Task 'worker-1' at demo.Shop.fetch(Shop.java:31)",
            "    └── Task 'worker-2' at demo.Shop.fetch(Shop.java:31)",
            "└── Task 'listener' at demo.Shop.listen(Shop.java:43)",
            ""),
        dumps.get(0));
  }

  @Test
  void aTaskAwaitingAShieldIsLinkedToTheShieldedTask() {
    List<String> dumps = new ArrayList<>();
    Coroutine<Object> main =
        DemoCoros.awaiting(
            "main",
            10,
            14,
            () -> {
              Task<Object> saver =
                  createTask(
                      DemoCoros.awaiting(
                          "save",
                          20,
                          22,
                          () -> DemoCoros.awaiting("write", 30, 31, () -> sleep(5, null))),
                      "saver");
              Task<Object> other =
                  createTask(
                      DemoCoros.<Object>awaiting(
                          "audit",
                          40,
                          41,
                          () -> {
                            Future<?> g = gather(Asyncio.shield(saver), sleep(3, null));
                            @SuppressWarnings("unchecked")
                            Future<Object> all = (Future<Object>) g;
                            return all;
                          }),
                      "auditor");
              Asyncio.getRunningLoop().callLater(1, () -> dumps.add(Asyncio.dumpTasks()));
              return Asyncio.shield(saver);
            });
    Asyncio.run(main, vt());
    assertEquals(
        String.join(
            "\n",
            "4 tasks at loop time 1.000",
            "",
            "Task 'Task-1' waiting for shield(task 'saver')",
            "  at demo.Shop.main(Shop.java:14)",
            "",
            "Task 'saver' waiting for sleep(5.0), 4.000 s left",
            "  at org.asyncio4j.Sleep.resume(sleep(5.0))",
            "  at demo.Shop.write(Shop.java:31)",
            "  at demo.Shop.save(Shop.java:22)",
            "  awaited by task 'Task-1' through shield",
            "  awaited by task 'auditor' through shield",
            "",
            "Task 'auditor' waiting for gather of shield(task 'saver'), task 'Task-4'",
            "  at demo.Shop.audit(Shop.java:41)",
            "",
            "Task 'Task-4' waiting for sleep(3.0), 2.000 s left",
            "  at org.asyncio4j.Sleep.resume(sleep(3.0))",
            "  awaited by task 'auditor'",
            "",
            "Await tree:",
            "└── Task 'Task-1' at demo.Shop.main(Shop.java:14)",
            "    └── Task 'saver' (shield) at demo.Shop.write(Shop.java:31)",
            "└── Task 'auditor' at demo.Shop.audit(Shop.java:41)",
            "    ├── Task 'saver' (shield) at demo.Shop.write(Shop.java:31)",
            "    └── Task 'Task-4' at org.asyncio4j.Sleep.resume(sleep(3.0))",
            ""),
        dumps.get(0));
  }

  @Test
  void aTaskThatDumpsSeesItselfRunningAndOthersReadyOrNotStarted() {
    Coroutine<String> main =
        new Coroutine<>() {
          @Override
          protected void resume() {
            switch (label) {
              case 0:
                createTask(DemoCoros.awaiting("later", 70, 71, () -> sleep(1, null)), "fresh");
                complete(Asyncio.dumpTasks());
                return;
              default:
                throw new AssertionError(label);
            }
          }

          @Override
          protected StackTraceElement sourceFrame(int label) {
            return new StackTraceElement("demo.Shop", "main", "Shop.java", 60);
          }
        };
    assertEquals(
        String.join(
            "\n",
            "2 tasks at loop time 0.000",
            "",
            "Task 'Task-1' running",
            "  at demo.Shop.main(Shop.java:60)",
            "",
            "Task 'fresh' not started (ready to run)",
            "  at demo.Shop.later(Shop.java:70)",
            "",
            "Await tree:",
            "└── Task 'Task-1' at demo.Shop.main(Shop.java:60)",
            "└── Task 'fresh' at demo.Shop.later(Shop.java:70)",
            ""),
        Asyncio.run(main, vt()));
  }

  @Test
  void cancellationRequestsAndWaitForAreShown() {
    List<String> dumps = new ArrayList<>();
    Coroutine<Object> main =
        DemoCoros.awaiting(
            "main",
            10,
            11,
            () -> {
              Task<Object> slow =
                  createTask(DemoCoros.awaiting("slow", 80, 81, () -> sleep(100, null)), "slow");
              Asyncio.getRunningLoop()
                  .callLater(
                      1,
                      () -> {
                        slow.cancel();
                        slow.cancel();
                        dumps.add(Asyncio.dumpTasks());
                      });
              return Asyncio.waitFor(slow, 50);
            });
    assertThrows(CancelledError.class, () -> Asyncio.run(main, vt()));
    assertEquals(
        String.join(
            "\n",
            "2 tasks at loop time 1.000",
            "",
            "Task 'Task-1' waiting for task 'slow'",
            "  at org.asyncio4j.WaitFor.resume(waitFor(<Task pending name='slow' coro=Shop.slow(Shop.java:80) -> sleep(100.0) wait_for=<Future cancelled>>, 50.0))",
            "  at demo.Shop.main(Shop.java:11)",
            "",
            "Task 'slow' ready to run (woken by <Future cancelled>) (cancellation requested)",
            "  at org.asyncio4j.Sleep.resume(sleep(100.0))",
            "  at demo.Shop.slow(Shop.java:81)",
            "  awaited by task 'Task-1'",
            "",
            "Await tree:",
            "└── Task 'Task-1' at demo.Shop.main(Shop.java:11)",
            "    └── Task 'slow' at demo.Shop.slow(Shop.java:81)",
            ""),
        dumps.get(0));
  }

  @Test
  void aTaskGroupsTasksHangUnderTheTaskLeavingTheGroup() {
    List<String> dumps = new ArrayList<>();
    TaskGroup tg = new TaskGroup();
    Coroutine<Object> main =
        DemoCoros.awaiting(
            "main",
            10,
            12,
            () ->
                Coros.asyncWith(
                    tg,
                    () -> {
                      tg.createTask(DemoCoros.awaiting("fetch", 30, 31, () -> sleep(1, null)), "a");
                      tg.createTask(DemoCoros.awaiting("fetch", 30, 31, () -> sleep(3, null)), "b");
                      Asyncio.getRunningLoop().callLater(2, () -> dumps.add(Asyncio.dumpTasks()));
                      return Coroutine.of(null);
                    }));
    Asyncio.run(main, vt());
    assertEquals(
        String.join(
            "\n",
            "2 tasks at loop time 2.000",
            "",
            "Task 'Task-1' waiting for the task group of task 'b'",
            "  at org.asyncio4j.TaskGroup$Exit.resume(TaskGroup.exitAsync())",
            "  at org.asyncio4j.SyncCoros$N.resume(SyncCoros$N)", // asyncWith -> SyncCoros.with, an anonymous class
            "  at demo.Shop.main(Shop.java:12)",
            "",
            "Task 'b' waiting for sleep(3.0), 1.000 s left",
            "  at org.asyncio4j.Sleep.resume(sleep(3.0))",
            "  at demo.Shop.fetch(Shop.java:31)",
            "  awaited by task 'Task-1'",
            "",
            "Await tree:",
            "└── Task 'Task-1' at demo.Shop.main(Shop.java:12)",
            "    └── Task 'b' at demo.Shop.fetch(Shop.java:31)",
            ""),
        dumps.get(0).replaceAll("Coros\\$\\d+", "Coros\\$N"));
  }

  @Test
  void runtimeOperationsSayWhatTheyWaitFor() {
    List<String> dumps = new ArrayList<>();
    Queue<String> queue = new Queue<>(0);
    Lock lock = new Lock();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> lock.acquire()), // main holds the lock
            Coros.run(
                () -> {
                  createTask(DemoCoros.awaiting("consume", 50, 51, () -> queue.get()), "consumer");
                  createTask(DemoCoros.awaiting("lock", 55, 56, () -> lock.acquire()), "locker");
                  Asyncio.getRunningLoop()
                      .callLater(
                          1,
                          () -> {
                            dumps.add(Asyncio.dumpTasks());
                            queue.putNowait("x");
                            lock.release();
                          });
                }),
            Coros.await(() -> sleep(2))),
        vt());
    String dump = dumps.get(0);
    assertTrue(dump.contains("Task 'consumer' waiting for Queue.get() <Future pending>\n"), dump);
    assertTrue(dump.contains("Task 'locker' waiting for Lock.acquire() <Future pending>\n"), dump);
  }

  @Test
  void getStackIsTheAwaitChainInnermostFirst() {
    List<List<String>> stacks = new ArrayList<>();
    Coroutine<Object> main =
        DemoCoros.awaiting(
            "main",
            10,
            12,
            () -> {
              Task<Object> t =
                  createTask(
                      DemoCoros.awaiting(
                          "outer", 20, 21, () -> DemoCoros.awaiting("inner", 30, 31, () -> sleep(5, null))),
                      "worker");
              Asyncio.getRunningLoop()
                  .callLater(
                      1,
                      () -> {
                        List<String> s = new ArrayList<>();
                        for (StackTraceElement f : t.getStack()) {
                          s.add(f.toString());
                        }
                        stacks.add(s);
                      });
              return t;
            });
    Asyncio.run(main, vt());
    assertEquals(
        List.of(
            List.of(
                "org.asyncio4j.Sleep.resume(sleep(5.0))",
                "demo.Shop.inner(Shop.java:31)",
                "demo.Shop.outer(Shop.java:21)")),
        stacks);
  }

  @Test
  void dumpTasksThreadsafeAnswersFromAnotherThread() throws Exception {
    EventLoop loop = EventLoop.create(LoopTesting.realTime());
    CompletableFuture<String> fromOutside = new CompletableFuture<>();
    Thread outsider =
        new Thread(
            () -> {
              try {
                LoopTesting.awaitBlockedInSelect(loopThread[0]);
                assertThrows(IllegalStateException.class, loop::dumpTasks);
                fromOutside.complete(loop.dumpTasksThreadsafe().get(10, TimeUnit.SECONDS));
              } catch (Throwable e) {
                fromOutside.completeExceptionally(e);
              }
            });
    try {
      Coroutine<Object> main =
          DemoCoros.awaiting(
              "main",
              10,
              12,
              () -> {
                loopThread[0] = Thread.currentThread();
                outsider.start();
                @SuppressWarnings("unchecked")
                Future<Object> f = (Future<Object>) (Future<?>) Asyncio.wrapFuture(fromOutside);
                return f;
              });
      String dump = (String) loop.runUntilComplete(main);
      assertTrue(
          dump.matches(
              "(?s)1 task at loop time \\d+\\.\\d{3}\n\nTask 'Task-1' waiting for a CompletionStage"
                  + " <Future pending>\n"
                  + "  at demo.Shop.main\\(Shop.java:12\\)\n.*"),
          dump);
    } finally {
      loop.close();
    }
    // A loop that is not running answers at once.
    assertEquals("0 tasks at loop time", loop.dumpTasksThreadsafe().get().substring(0, 20));
  }

  private static final Thread[] loopThread = new Thread[1];

  @Test
  void aSignalPrintsTheDumpToStandardError() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Signals.isSupported());
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    CompletableFuture<Object> printed = new CompletableFuture<>();
    Thread watcher =
        new Thread(
            () -> {
              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
              while (err.size() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
              }
              printed.complete(null);
            });
    try {
      Coroutine<Object> main =
          DemoCoros.awaiting(
              "main",
              10,
              12,
              () -> {
                watcher.start();
                Signals.raise("USR2");
                return Asyncio.wrapFuture(printed); // until the dump is printed
              });
      Asyncio.run(main, LoopTesting.realTime().dumpOnSignal("SIGUSR2"));
    } finally {
      System.setErr(saved);
    }
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(
        text.matches(
            "(?s)1 task at loop time \\d+\\.\\d{3}\n\nTask 'Task-1' waiting for a CompletionStage"
                  + " <Future pending>\n"
                + "  at demo.Shop.main\\(Shop.java:12\\)\n\nAwait tree:\n"
                + "└── Task 'Task-1' at demo.Shop.main\\(Shop.java:12\\)\n"),
        text);
  }

  @Test
  void dumpOnSignalComesFromTheSystemPropertyToo() {
    String saved = System.getProperty("asyncio4j.dumpOnSignal");
    System.setProperty("asyncio4j.dumpOnSignal", "USR2");
    try {
      assertEquals("USR2", RunOptions.create().getDumpOnSignal());
      assertEquals(null, RunOptions.create().dumpOnSignal(null).getDumpOnSignal());
    } finally {
      if (saved == null) {
        System.clearProperty("asyncio4j.dumpOnSignal");
      } else {
        System.setProperty("asyncio4j.dumpOnSignal", saved);
      }
    }
    assertEquals(null, RunOptions.create().getDumpOnSignal());
  }

  @Test
  void aBlockedLoopIsDumpedFromTheSignalThreadWithItsStack() throws Exception {
    EventLoop loop = EventLoop.create(LoopTesting.realTime());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Void> printed = new CompletableFuture<>();
    try {
      Coroutine<Object> blocker =
          DemoCoros.awaiting(
              "main",
              10,
              12,
              () -> {
                Thread t =
                    new Thread(
                        () -> {
                          DumpSignal.print(loop, new PrintStream(out, true, StandardCharsets.UTF_8));
                          printed.complete(null);
                        });
                t.start();
                try {
                  printed.get(10, TimeUnit.SECONDS); // the loop thread blocks until printed
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
                return Coroutine.of(null);
              });
      loop.runUntilComplete(blocker);
    } finally {
      loop.close();
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(
        text.startsWith("The event loop did not answer within 1000 ms; its thread '"), text);
    assertTrue(text.contains("org.asyncio4j.DumpTasksTest.lambda$"), text);
    assertTrue(text.contains("org.asyncio4j.EventLoop.runForever(EventLoop.java:"), text);
    assertTrue(text.contains(" more\nTasks (read while"), text);
    assertTrue(
        text.contains(
            "Tasks (read while the loop runs, may be inconsistent):\n1 task at loop time "),
        text);
    assertTrue(text.contains("Task 'Task-1' running\n"), text);
  }
}
