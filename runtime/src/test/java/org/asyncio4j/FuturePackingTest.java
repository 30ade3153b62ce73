package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.getRunningLoop;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.LoopTesting.vt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link Future} keeps two rarely used values in fields whose own use has ended: a cancelled
 * future's (or a task's pending) cancellation message in {@code value}, and the tracking entry of
 * an exception nobody retrieved in {@code callbacks} once the callbacks were scheduled. This keeps
 * a future at 32 bytes and a task at 72 (compressed references): every awaited future of a program
 * is allocated, every parked task holds one. These tests pin the layout and the behaviours that
 * read the shared fields in each of their states (a cancelled future's message: {@code
 * FutureTest.fut03_cancelWithAMessage}).
 */
class FuturePackingTest {

  @Test
  void aFutureHasFourReferencesAndAByte() {
    int references = 0;
    int bytes = 0;
    List<String> others = new ArrayList<>();
    for (Field f : Future.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      if (!f.getType().isPrimitive()) {
        references++;
      } else if (f.getType() == byte.class || f.getType() == boolean.class) {
        bytes++;
      } else {
        others.add(f.getName());
      }
    }
    assertTrue(
        references <= 4 && bytes <= 1 && others.isEmpty(),
        "Future has "
            + references
            + " reference fields, "
            + bytes
            + " byte fields and "
            + others
            + ": 4 references and a byte keep it at 32 bytes. A new field makes every future and"
            + " every task 8 bytes bigger (the parked task's budget is 150 B, it is 139); keep the"
            + " value in a field whose use has ended, as `value` holds the cancellation message.");
  }

  /** The message of a cancellation requested while the task is ready is held until delivered. */
  @Test
  void aReadyTasksCancellationMessageIsDeliveredAndAResultReplacesIt() {
    Object[] r = new Object[2];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  Task<String> cancelled = createTask(Coros.sleepThen(0, "result"));
                  cancelled.cancel("stop");
                  r[0] = cancelled;
                  Task<String> withdrawn = createTask(Coros.sleepThen(0, "result"));
                  withdrawn.cancel("stop");
                  withdrawn.uncancel();
                  r[1] = withdrawn;
                }),
            Coros.await(() -> sleep(0.1))),
        vt());
    Task<?> cancelled = (Task<?>) r[0];
    assertTrue(cancelled.isCancelled());
    assertEquals("stop", assertThrows(CancelledError.class, cancelled::result).getMessage());
    Task<?> withdrawn = (Task<?>) r[1];
    assertEquals("result", withdrawn.result());
  }

  @Test
  void anExceptionRetrievedInADoneCallbackIsNotReported() {
    List<Throwable> seen = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("boom");
    LoopTesting.Reports reports =
        runReporting(
            Coros.run(
                () -> {
                  Future<String> f = new Future<>();
                  f.addDoneCallback(x -> seen.add(x.exception())); // registered while pending
                  f.setException(boom);
                }),
            Coros.await(() -> sleep(1)));
    assertEquals(List.of(boom), seen);
    assertEquals(0, reports.size(), reports.contexts.toString());
  }

  @Test
  void removingCallbacksFromAFailedFutureKeepsItsExceptionTracked() {
    IllegalStateException boom = new IllegalStateException("boom");
    int[] removed = new int[1];
    LoopTesting.Reports reports =
        runReporting(
            Coros.run(
                () -> {
                  Future<String> f = new Future<>();
                  Consumer<Future<String>> cb = x -> {};
                  f.addDoneCallback(cb);
                  f.setException(boom);
                  removed[0] = f.removeDoneCallback(cb); // scheduled already: nothing to remove
                }));
    assertEquals(0, removed[0]);
    assertEquals(1, reports.size(), reports.contexts.toString());
    assertTrue(
        reports.message(0).startsWith("Future exception was never retrieved"), reports.message(0));
    assertSame(boom, reports.get(0).get("exception"));
  }

  @Test
  void aFailedTaskAwaitedLaterIsNotReported() {
    IllegalStateException boom = new IllegalStateException("boom");
    List<Task<String>> task = new ArrayList<>();
    Throwable[] caught = new Throwable[1];
    LoopTesting.Reports reports =
        runReporting(
            Coros.run(() -> task.add(createTask(Coros.raising(boom)))),
            Coros.await(() -> sleep(0.5)), // the task fails meanwhile: its exception is tracked
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> task.get(0), v -> v),
                        IllegalStateException.class,
                        e -> {
                          caught[0] = e;
                          return "caught";
                        })));
    assertTrue(task.get(0).isDone());
    assertSame(boom, caught[0]);
    assertEquals(0, reports.size(), reports.contexts.toString());
  }

  /** Runs {@code steps} on a virtual-time loop whose exception handler collects the reports. */
  private static LoopTesting.Reports runReporting(Coros.Step... steps) {
    LoopTesting.Reports reports = new LoopTesting.Reports();
    Coros.Step[] all = new Coros.Step[steps.length + 1];
    all[0] = Coros.run(() -> getRunningLoop().setExceptionHandler(reports));
    System.arraycopy(steps, 0, all, 1, steps.length);
    Asyncio.run(Coros.steps(all), vt());
    return reports;
  }
}
