package org.asyncio4j;

import java.util.ArrayDeque;

/**
 * A barrier: Python's {@code asyncio.Barrier} (3.11). Tasks calling {@link #waitAsync()} wait until
 * {@link #parties()} of them are waiting, then all are released together; the barrier is then
 * reusable.
 *
 * <pre>{@code
 * try (barrier) {   // in an @Async method: "async with barrier:" (entered value: the index)
 *   ...
 * }
 * int index = Await.of(barrier.waitAsync());   // 0 .. parties-1, different for each party
 * }</pre>
 *
 * <p>States, as in Python's repr: <i>filling</i> (tasks arriving), <i>draining</i> (released tasks
 * leaving; new arrivals wait for the drain to finish), <i>resetting</i> ({@link #reset()} while
 * tasks were waiting: they fail with {@link BrokenBarrierError}, then the barrier fills again) and
 * <i>broken</i> ({@link #abort()}: every current and future wait fails until {@link #reset()}). A
 * task cancelled while the barrier fills leaves it (one fewer waiting).
 *
 * <p>All state changes happen atomically on the loop, so unlike Python's implementation (which
 * serialises tasks through a {@link Condition}) waiters re-check the barrier state directly when
 * woken; {@link #reset()} and {@link #abort()} act at once.
 */
public final class Barrier extends LoopBound implements AsyncCloseable {
  private static final int FILLING = 0;
  private static final int DRAINING = 1;
  private static final int RESETTING = 2;
  private static final int BROKEN = 3;
  private static final String[] STATE_NAMES = {"filling", "draining", "resetting", "broken"};

  private final int parties;
  private int state = FILLING;

  /** Tasks inside the barrier: arrived and not yet left. */
  private int count;

  /** Every task suspended in the barrier (arriving during a drain, or waiting for the trip). */
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();

  /**
   * A barrier for {@code parties} tasks.
   *
   * @throws IllegalArgumentException if {@code parties} is less than 1 (Python's ValueError)
   */
  public Barrier(int parties) {
    if (parties < 1) {
      throw new IllegalArgumentException("parties must be >= 1, got " + parties);
    }
    this.parties = parties;
  }

  /**
   * Waits for the barrier: completes with this task's index (0 for the first to arrive, {@code
   * parties - 1} for the one that trips the barrier) once {@link #parties()} tasks wait. Fails with
   * {@link BrokenBarrierError} if the barrier is broken, or is reset or aborted while waiting.
   */
  public Coroutine<Integer> waitAsync() {
    return new Waiting();
  }

  /**
   * Resets the barrier to the empty, filling state; tasks waiting in it fail with {@link
   * BrokenBarrierError}. Acts at once, during the call; the result is a completed coroutine so that
   * it can be awaited like Python's {@code await barrier.reset()}.
   */
  public Coroutine<Void> reset() {
    if (count > 0) {
      state = RESETTING;
    } else {
      state = FILLING;
    }
    wakeAll(waiters, true);
    return Coroutine.done();
  }

  /**
   * Puts the barrier into the broken state: current and future waits fail with {@link
   * BrokenBarrierError} until {@link #reset()}. Acts at once, during the call; the result is a
   * completed coroutine so that it can be awaited like Python's {@code await barrier.abort()}.
   */
  public Coroutine<Void> abort() {
    state = BROKEN;
    wakeAll(waiters, true);
    return Coroutine.done();
  }

  /** Whether the barrier is broken ({@link #abort()}). */
  public boolean isBroken() {
    return state == BROKEN;
  }

  /** The number of tasks needed to trip the barrier. */
  public int parties() {
    return parties;
  }

  /** The number of tasks waiting while the barrier fills (0 in any other state). */
  public int nWaiting() {
    return state == FILLING ? count : 0;
  }

  /** {@code async with barrier as index}: waits for the barrier (see {@link #waitAsync()}). */
  @Override
  public Coroutine<Integer> enterAsync() {
    return waitAsync();
  }

  /** Nothing to undo; never suppresses. Returns a shared completed false. */
  @Override
  public Coroutine<Boolean> exitAsync(Throwable error) {
    return FALSE;
  }

  /** A task leaves the barrier; the last one out ends a drain or a reset. */
  private void leave() {
    count--;
    if (count == 0) {
      if (state == RESETTING || state == DRAINING) {
        state = FILLING;
      }
      wakeAll(waiters, true);
    }
  }

  @Override
  public String toString() {
    String s = "<Barrier [" + STATE_NAMES[state];
    if (state != BROKEN) {
      s += ", waiters:" + nWaiting() + "/" + parties;
    }
    return s + "]>";
  }

  /** The coroutine of {@link #waitAsync()}. */
  private final class Waiting extends Coroutine<Integer> {
    private Future<Boolean> waiter;
    private int index;

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            // Arriving: wait while the barrier drains or resets.
            if (state == DRAINING || state == RESETTING) {
              if (!park(1)) {
                return;
              }
              label = 1;
              continue;
            }
            if (state == BROKEN) {
              throw new BrokenBarrierError("Barrier aborted");
            }
            index = count++;
            if (index + 1 == parties) {
              state = DRAINING; // trip: release everybody
              wakeAll(waiters, true);
              leave();
              complete(index);
              return;
            }
            // fall through: wait for the trip
          case 2:
            if (state == FILLING) {
              if (!park(3)) {
                return;
              }
              label = 3;
              continue;
            }
            boolean failed = state == BROKEN || state == RESETTING;
            leave();
            if (failed) {
              throw new BrokenBarrierError("Abort or reset of barrier");
            }
            complete(index);
            return;
          case 1:
            try {
              awaitResult();
            } finally {
              waiters.remove(waiter);
            }
            label = 0;
            continue;
          case 3:
            try {
              awaitResult();
            } catch (Throwable t) {
              waiters.remove(waiter);
              leave(); // cancelled inside the barrier: one fewer waiting
              throw t;
            }
            waiters.remove(waiter);
            label = 2;
            continue;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }

    /** Suspends until the barrier state changes; returns false (suspended) as await does. */
    private boolean park(int next) {
      waiter = newWaiter(task.loop);
      waiters.addLast(waiter);
      return await(waiter, next);
    }

    @Override
    protected String describe() {
      return "Barrier.waitAsync()";
    }
  }
}
