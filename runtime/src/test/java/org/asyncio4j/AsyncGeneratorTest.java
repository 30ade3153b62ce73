package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The async generator contract, with a hand-written generator shaped like generated code: {@code
 * for (i = 0; i < n; i++) { Await.of(sleep(1)); Yield.of(i); }} inside try/finally.
 */
class AsyncGeneratorTest {
  static final RunOptions VT = RunOptions.create().virtualTime(true);

  static final class Count extends AsyncGenerator<Integer> {
    final int n;
    final List<String> log;
    int i;

    Count(int n, List<String> log) {
      this.n = n;
      this.log = log;
    }

    @Override
    protected void resume() throws Throwable {
      for (; ; ) {
        try {
          switch (label) {
            case 0:
              i = 0;
            case 1:
              if (i >= n) {
                label = 4;
                continue;
              }
              if (!await(Asyncio.sleep(1), 2)) {
                return;
              }
            case 2:
              awaitResult();
              yieldValue(i);
              label = 3;
              return;
            case 3:
              afterYield();
              i++;
              label = 1;
              continue;
            case 4:
              log.add("finally");
              complete(null);
              return;
            default:
              throw new AssertionError(label);
          }
        } catch (AsyncGenerator.GeneratorExit e) {
          log.add("finally");
          throw e;
        }
      }
    }
  }

  /** Drives a generator the way a lowered async for does: hasNext, next, closeAsync. */
  static final class Consume extends Coroutine<List<Integer>> {
    final AsyncIterator<Integer> it;
    final int stopAt;
    final List<Integer> got = new ArrayList<>();

    Consume(AsyncIterable<Integer> items, int stopAt) {
      this.it = items.asyncIterator();
      this.stopAt = stopAt;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            if (!await(it.hasNext(), 1)) {
              return;
            }
          case 1:
            if (!(Boolean) awaitResult()) {
              complete(got);
              return;
            }
            int v = it.next();
            got.add(v);
            if (v == stopAt) {
              if (!await(it.closeAsync(), 2)) {
                return;
              }
              label = 2;
              continue;
            }
            label = 0;
            continue;
          case 2:
            awaitResult();
            complete(got);
            return;
          default:
            throw new AssertionError(label);
        }
      }
    }
  }

  @Test
  void iteratesToTheEndThenRunsTheFinallyBlock() {
    List<String> log = new ArrayList<>();
    assertEquals(List.of(0, 1, 2), Asyncio.run(new Consume(new Count(3, log), -1), VT));
    assertEquals(List.of("finally"), log);
  }

  @Test
  void closingEarlyRaisesGeneratorExitAtTheYield() {
    List<String> log = new ArrayList<>();
    Count gen = new Count(10, log);
    assertEquals(List.of(0, 1), Asyncio.run(new Consume(gen, 1), VT));
    assertEquals(List.of("finally"), log);
    assertEquals(List.of(), Asyncio.run(new Consume(gen, -1), VT));
  }

  @Test
  void endIsAnEmptyFinishedGenerator() {
    assertEquals(List.of(), Asyncio.run(new Consume(AsyncGenerator.<Integer>end(), -1), VT));
  }

  @Test
  void yieldAndEachOutsideGeneratedCodeExplain() {
    IllegalStateException y = assertThrows(IllegalStateException.class, () -> Yield.of(1));
    assertTrue(y.getMessage().contains("outside an async generator"), y.getMessage());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Await.each(AsyncGenerator.end()));
    assertTrue(e.getMessage().contains("outside a coroutine"), e.getMessage());
  }
}
