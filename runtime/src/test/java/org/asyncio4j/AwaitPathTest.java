package org.asyncio4j;

import static org.asyncio4j.Coros.await;
import static org.asyncio4j.Coros.run;
import static org.asyncio4j.Coros.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The await fast paths (docs/design.md section 2): a {@code sleep(0)} awaited directly only yields
 * and is then done, and a new coroutine awaited is linked and run by the task's step right after
 * its caller's {@code resume()} returns, in the same step.
 */
class AwaitPathTest {
  private static RunOptions vt() {
    return RunOptions.create().virtualTime(true);
  }

  @Test
  void aYieldingSleepThatWasAwaitedCannotBeScheduled() {
    Coroutine<Void> s = Asyncio.sleep(0);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Asyncio.run(steps(await(() -> s), run(() -> Asyncio.createTask(s))), vt()));
    assertTrue(e.getMessage().contains("already awaited or scheduled"), e.getMessage());
  }

  @Test
  void aYieldingSleepScheduledAsATaskRunsThereAndCannotBeAwaitedDirectly() {
    List<String> log = new ArrayList<>();
    Coroutine<Void> s = Asyncio.sleep(0);
    Object[] task = new Object[1];
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Asyncio.run(
                    steps(
                        run(() -> task[0] = Asyncio.createTask(s)),
                        await(() -> (Task<?>) task[0], v -> log.add("task done: " + v)),
                        await(() -> s)),
                    vt()));
    assertTrue(e.getMessage().contains("a coroutine runs once"), e.getMessage());
    assertEquals(List.of("task done: null"), log);
  }

  /** A coroutine that awaits {@code callee} and logs before and after. */
  private static final class Caller extends Coroutine<Integer> {
    final Coroutine<Integer> callee;
    final List<String> log;

    Caller(Coroutine<Integer> callee, List<String> log) {
      this.callee = callee;
      this.log = log;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          Asyncio.getRunningLoop().callSoon(() -> log.add("call_soon"));
          log.add("caller awaits");
          if (!await(callee, 1)) {
            return;
          }
        case 1:
          int v = awaitResult();
          log.add("caller got " + v);
          complete(v + 1);
          return;
        default:
          throw new AssertionError(label);
      }
    }
  }

  @Test
  void aNewCoroutineRunsInTheSameStepAsItsCallerLinkedToIt() {
    List<String> log = new ArrayList<>();
    Coroutine<Integer> callee =
        new Coroutine<>() {
          @Override
          protected void resume() {
            Task<?> t = Asyncio.currentTask();
            log.add("callee runs, chain of " + t.getStack().size() + ", status " + status);
            complete(41);
          }
        };
    assertEquals(42, Asyncio.run(new Caller(callee, log), vt()));
    // The callee ran before the callback scheduled before the await: same step, no loop trip.
    assertEquals(
        List.of("caller awaits", "callee runs, chain of 2, status " + Coroutine.RUNNING,
            "caller got 41", "call_soon"),
        log);
  }

  @Test
  void aNewCoroutineThatSuspendsIsOnTheTasksStackUntilItCompletes() {
    List<String> log = new ArrayList<>();
    Object[] task = new Object[1];
    Coroutine<Integer> callee = Coros.sleepThen(1.0, 7);
    Coroutine<Integer> caller = new Caller(callee, log);
    Asyncio.run(
        steps(
            run(() -> task[0] = Asyncio.createTask(caller)),
            await(() -> Asyncio.sleep(0.5)),
            run(() -> log.add("stack " + ((Task<?>) task[0]).getStack().size())),
            await(() -> (Task<?>) task[0], v -> log.add("result " + v))),
        vt());
    assertEquals(
        List.of("caller awaits", "call_soon", "stack 3", "caller got 7", "result 8"), log);
  }

  @Test
  void aYieldResumesWithNullAfterADoneAwait() {
    List<Object> got = new ArrayList<>();
    Object[] f = new Object[1];
    Asyncio.run(
        steps(
            run(
                () -> {
                  Future<String> done = Asyncio.getRunningLoop().createFuture();
                  done.setResult("value");
                  f[0] = done;
                }),
            await(() -> (Future<?>) f[0], got::add),
            await(() -> Asyncio.sleep(0), got::add)),
        vt());
    assertEquals(java.util.Arrays.asList("value", null), got);
  }

  @Test
  void currentTaskIsNullInCallbacksThatFollowTaskSteps() {
    List<String> seen = new ArrayList<>();
    Asyncio.run(
        steps(
            run(
                () -> {
                  EventLoop loop = Asyncio.getRunningLoop();
                  loop.callLater(0.25, () -> seen.add("timer " + Asyncio.currentTask()));
                  loop.callSoon(
                      () -> {
                        seen.add("soon " + Asyncio.currentTask());
                        Task<?> t = Asyncio.createTask(Asyncio.sleep(0));
                        seen.add("created by " + t.createdBy);
                      });
                }),
            await(() -> Asyncio.sleep(0)), // the callSoon callback runs after this step
            await(() -> Asyncio.sleep(0)),
            await(() -> Asyncio.sleep(0.5)), // the timer runs while this task waits
            run(() -> seen.add("task " + Asyncio.currentTask().getName()))),
        vt());
    assertEquals(List.of("soon null", "created by null", "timer null", "task Task-1"), seen);
  }
}
