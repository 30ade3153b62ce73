package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loop scenarios of prior-art.md §5 not covered elsewhere: an infinite {@code for (;;)} whose await
 * never completes compiles and is cancelled cleanly (21, 38), and a 100-million-iteration loop
 * whose await branch is never taken runs flat (22).
 */
class LoopScenariosTest {
  static final String SOURCE =
      """
      package t;
      import java.util.*;
            import org.asyncio4j.*;
      public final class Q {
        @Async
        static Coroutine<Void> waitsForever(List<String> log) {
          Event never = new Event();
          int rounds = 0;
          try {
            for (;;) {
              log.add("round " + rounds++);
              if (rounds > 2) {
                log.add("woke " + Await.of(never.waitAsync()));
              } else {
                Await.of(Asyncio.sleep(1));
              }
            }
          } finally {
            log.add("finally after " + rounds);
          }
        }
        @Async
        static Coroutine<String> cancelAfter(List<String> log, double delay) {
          Task<Void> t = Asyncio.createTask(QAsync.waitsForever(log));
          Await.of(Asyncio.sleep(delay));
          t.cancel("stop");
          try {
            Await.of(t);
            return Coroutine.of("not cancelled");
          } catch (CancelledError e) {
            return Coroutine.of("cancelled " + t.isCancelled());
          }
        }
        @Async
        static Coroutine<Long> neverTaken(List<String> log, int n) {
          long sum = 0;
          for (int i = 0; i < n; i++) {
            if (i < 0) {
              sum += Await.of(Asyncio.sleep(1, i));
            }
            sum += i & 1;
          }
          return Coroutine.of(sum);
        }
      }
      """;

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(SOURCE);
  }

  @Test
  void infiniteForLoopWaitingForeverIsCancelledAndRunsItsFinally() {
    List<String> log = new ArrayList<>();
    assertEquals("cancelled true", compiled.run("t.QAsync", "cancelAfter", log, 100.0));
    assertEquals(List.of("round 0", "round 1", "round 2", "finally after 3"), log);
  }

  @Test
  void hundredMillionIterationsWithAnAwaitNeverTakenRunFlat() {
    assertEquals(
        50_000_000L, compiled.run("t.QAsync", "neverTaken", new ArrayList<String>(), 100_000_000));
  }
}
