package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The coroutine contract of docs/design.md, exercised with hand-written state machines written
 * exactly as the processor generates them.
 */
class CoroutineContractTest {
  static final RunOptions VT = RunOptions.create().virtualTime(true);

  /** {@code @Async Coroutine<String> greet(String name, double delay)}. */
  static final class Greet extends Coroutine<String> {
    final String name;
    final double delay;
    final List<String> log;

    Greet(String name, double delay, List<String> log) {
      this.name = name;
      this.delay = delay;
      this.log = log;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          log.add("start " + name + " @" + Asyncio.getRunningLoop().time());
          if (!await(Asyncio.sleep(delay), 1)) {
            return;
          }
        case 1:
          awaitResult();
          log.add("end " + name + " @" + Asyncio.getRunningLoop().time());
          complete("Hello, " + name);
          return;
        default:
          throw new AssertionError(label);
      }
    }
  }

  @Test
  void straightLineAwaitOnVirtualClock() {
    List<String> log = new ArrayList<>();
    String r = Asyncio.run(new Greet("a", 3600, log), VT);
    assertEquals("Hello, a", r);
    assertEquals(List.of("start a @0.0", "end a @3600.0"), log);
  }

  /** A chain of N nested coroutine calls, each awaiting the next: the stack must not grow. */
  static final class Chain extends Coroutine<Integer> {
    final int depth;
    final boolean suspendAtBottom;

    Chain(int depth, boolean suspendAtBottom) {
      this.depth = depth;
      this.suspendAtBottom = suspendAtBottom;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          if (depth == 0) {
            if (suspendAtBottom) {
              if (!await(Asyncio.sleep(1), 2)) {
                return;
              }
            } else {
              complete(0);
              return;
            }
          } else {
            if (!await(new Chain(depth - 1, suspendAtBottom), 1)) {
              return;
            }
          }
        case 1:
          {
            int below = awaitResult();
            complete(below + 1);
            return;
          }
        case 2:
          awaitResult();
          complete(0);
          return;
        default:
          throw new AssertionError(label);
      }
    }
  }

  @Test
  void deepAwaitChainsDoNotOverflowTheStack() {
    assertEquals(200_000, Asyncio.run(new Chain(200_000, false), VT));
    assertEquals(200_000, Asyncio.run(new Chain(200_000, true), VT));
  }

  /** A loop of 10M awaits on a done future: runs inside one resume() call, allocates nothing. */
  static final class DoneLoop extends Coroutine<Long> {
    Future<Integer> done;
    long sum;
    int i;

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            done = Asyncio.getRunningLoop().createFuture();
            done.setResult(1);
            i = 0;
            label = 1;
            continue;
          case 1:
            if (i >= 10_000_000) {
              complete(sum);
              return;
            }
            if (!await(done, 2)) {
              return;
            }
          case 2:
            {
              int v = awaitResult();
              sum += v;
              i++;
              label = 1;
              continue;
            }
          default:
            throw new AssertionError(label);
        }
      }
    }
  }

  @Test
  void awaitingDoneFuturesNeverSuspends() {
    assertEquals(10_000_000L, Asyncio.run(new DoneLoop(), VT));
  }

  static final class Thrower extends Coroutine<Void> {
    final RuntimeException e;

    Thrower(RuntimeException e) {
      this.e = e;
    }

    @Override
    protected void resume() {
      throw e;
    }
  }

  /** try { await thrower } catch (IllegalArgumentException e) { return e; } */
  static final class Catcher extends Coroutine<Throwable> {
    final RuntimeException e;

    Catcher(RuntimeException e) {
      this.e = e;
    }

    @Override
    protected void resume() {
      try {
        switch (label) {
          case 0:
            if (!await(new Thrower(e), 1)) {
              return;
            }
          case 1:
            awaitResult();
            complete(null);
            return;
          default:
            throw new AssertionError(label);
        }
      } catch (IllegalArgumentException caught) {
        complete(caught);
      }
    }
  }

  @Test
  void exceptionsPropagateUnwrappedWithIdentity() {
    IllegalArgumentException e = new IllegalArgumentException("boom");
    assertSame(e, Asyncio.run(new Catcher(e), VT));
    IllegalStateException ise = new IllegalStateException("top");
    assertSame(ise, assertThrows(IllegalStateException.class, () -> Asyncio.run(new Thrower(ise), VT)));
  }

  @Test
  void awaitingACoroutineTwiceIsAnError() {
    Coroutine<Void> once = Asyncio.sleep(0);
    Coroutine<Void> twice =
        new Coroutine<>() {
          @Override
          protected void resume() {
            switch (label) {
              case 0:
                if (!await(once, 1)) return;
              case 1:
                awaitResult();
                if (!await(once, 2)) return;
              case 2:
                awaitResult();
                complete(null);
            }
          }
        };
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(twice, VT));
    assertTrue(e.getMessage().contains("a coroutine runs once"), e.getMessage());
  }

  @Test
  void awaitOfOutsideACoroutineExplains() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Await.of(Coroutine.of(1)));
    assertTrue(e.getMessage().contains("outside a coroutine"), e.getMessage());
    assertTrue(e.getMessage().contains("annotationProcessorPaths"), e.getMessage());
  }
}
