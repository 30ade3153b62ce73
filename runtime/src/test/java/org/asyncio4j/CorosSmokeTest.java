package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test building blocks of {@link Coros} behave like the code they stand for. */
class CorosSmokeTest {
  static final RunOptions VT = RunOptions.create().virtualTime(true);

  @Test
  void stepsRunInOrderAcrossSuspensions() {
    List<String> log = new ArrayList<>();
    String r =
        Asyncio.run(
            Coros.steps(
                    Coros.run(() -> log.add("a@" + Asyncio.getRunningLoop().time())),
                    Coros.await(() -> sleep(2)),
                    Coros.await(() -> sleep(0.5, "x"), v -> log.add("got " + v)),
                    Coros.run(() -> log.add("b@" + Asyncio.getRunningLoop().time())))
                .returning(() -> "done"),
            VT);
    assertEquals("done", r);
    assertEquals(List.of("a@0.0", "got x", "b@2.5"), log);
  }

  @Test
  void cancellingASleepingTaskRunsItsHandlers() {
    List<String> log = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Task<Object>[] t = new Task[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () ->
                    t[0] =
                        (Task<Object>) (Task<?>) createTask(
                            Coros.tryFinally(
                                () ->
                                    Coros.tryCatch(
                                        () -> Coros.sleepThen(3600, "slept"),
                                        CancelledError.class,
                                        e -> {
                                          log.add("cancel sleep: " + e.getMessage());
                                          throw e;
                                        }),
                                () -> log.add("after sleep")))),
            Coros.await(() -> sleep(0.01)),
            Coros.run(() -> t[0].cancel("stop")),
            Coros.await(
                () -> Coros.tryCatch(() -> Coros.<Object, String>after(() -> (Task<Object>) t[0], v -> "not cancelled"), CancelledError.class, e -> "main: cancelled now " + e.getMessage()),
                v -> log.add((String) v))),
        VT);
    assertEquals(List.of("cancel sleep: stop", "after sleep", "main: cancelled now stop"), log);
    assertTrue(t[0].isCancelled());
  }
}
