package org.asyncio4j;

import java.util.ArrayDeque;

/**
 * An event flag that tasks can wait for: Python's {@code asyncio.Event}.
 *
 * <p>{@link #set()} sets the flag and wakes every waiting task; {@link #clear()} resets it; {@link
 * #waitAsync()} completes with {@code true} once the flag is set (Python's {@code wait()}, renamed
 * because {@code Object.wait} is final). A task woken by {@code set()} completes its wait even if
 * the flag is cleared again before it runs.
 *
 * <p><b>Allocation-free fast path.</b> Waiting on a set event returns a shared, already completed
 * awaitable: awaiting it never suspends and nothing is allocated. Waiting on a clear event returns
 * a coroutine that, when awaited, queues a waiter future on the running loop (binding the event to
 * it) and suspends until {@code set()}. A cancelled waiter removes itself.
 */
public final class Event extends LoopBound {
  private boolean value;

  /** Waiter futures in FIFO order, created on first contention. */
  private ArrayDeque<Future<Boolean>> waiters;

  /** A new event whose flag is clear, not bound to any loop yet. */
  public Event() {}

  /** Whether the flag is set. */
  public boolean isSet() {
    return value;
  }

  /** Sets the flag and wakes every waiting task (in the order they started waiting). */
  public void set() {
    if (!value) {
      value = true;
      wakeAll(waiters, true);
    }
  }

  /** Clears the flag: later waits suspend until {@link #set()}. */
  public void clear() {
    value = false;
  }

  /**
   * Waits until the flag is set, then completes with {@code true}. If the flag is set now, returns
   * a shared completed awaitable (no allocation); otherwise a coroutine that checks the flag again
   * when awaited and suspends while it is clear.
   */
  public Coroutine<Boolean> waitAsync() {
    if (value) {
      return TRUE;
    }
    return new Waiting();
  }

  @Override
  public String toString() {
    return "<Event [" + (value ? "set" : "unset") + ", waiters:" + count(waiters) + "]>";
  }

  /** The coroutine of {@link #waitAsync()} on a clear event. */
  private final class Waiting extends Coroutine<Boolean> {
    private Future<Boolean> waiter;

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          if (value) {
            complete(true);
            return;
          }
          waiter = newWaiter(task.loop);
          if (waiters == null) {
            waiters = new ArrayDeque<>();
          }
          waiters.addLast(waiter);
          if (!await(waiter, 1)) {
            return;
          }
          // fall through: the waiter was pending, so this is not reached
        case 1:
          try {
            awaitResult();
          } finally {
            waiters.remove(waiter);
          }
          complete(true);
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }

    @Override
    protected String describe() {
      return "Event.waitAsync()";
    }
  }
}
