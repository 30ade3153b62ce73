package org.asyncio4j;

/**
 * A deadline for a block of code: Python's {@code asyncio.Timeout}, the object returned by {@link
 * Asyncio#timeout(double)} and {@link Asyncio#timeoutAt(double)}.
 *
 * <p>Use it as Python's {@code async with asyncio.timeout(delay):} — inside an {@code @Async}
 * method, {@code try (Timeout t = timeout(10)) { ... }}. When the deadline passes while the block
 * runs, the task running it is cancelled; the {@link CancelledError} interrupts the block at its
 * current await, and {@link #exitAsync(Throwable)} turns it into a {@link TimeoutError} whose cause
 * is that {@code CancelledError}. The {@code TimeoutError} can therefore only be caught outside the
 * block.
 *
 * <p>Like CPython 3.13's {@code timeouts.py}, the timeout records the task's {@link
 * Task#cancelling()} count on entry and withdraws its own request with {@link Task#uncancel()} on
 * exit: the {@code CancelledError} becomes a {@code TimeoutError} only if no other cancellation was
 * requested meanwhile. An outside {@code cancel()} is never swallowed, timeouts nest, and a task
 * whose timeout expired keeps running normally afterwards. Exceptions other than {@code
 * CancelledError} leave the block unchanged; if one was caused by the timeout's {@code
 * CancelledError}, a {@code TimeoutError} is attached to it as a suppressed exception (CPython 3.13
 * inserts it into the exception's context chain).
 *
 * <p>A timeout is single-use: entering it twice, or rescheduling it once it expired or finished,
 * throws {@link IllegalStateException} (Python's {@code RuntimeError}). Like everything on the
 * loop, it must be used from the loop's thread.
 */
public final class Timeout implements AsyncCloseable {
  private enum State {
    CREATED("created"),
    ENTERED("active"),
    EXPIRING("expiring"),
    EXPIRED("expired"),
    EXITED("finished");

    final String text;

    State(String text) {
      this.text = text;
    }
  }

  private State state = State.CREATED;
  private Double when;
  private Handle handle;
  private Task<?> task;
  private int cancellingOnEntry;

  /**
   * A timeout that expires at loop time {@code when} ({@link EventLoop#time()}), or never if
   * {@code when} is null. Python's {@code asyncio.Timeout(when)}; usually created with {@link
   * Asyncio#timeout(double)} or {@link Asyncio#timeoutAt(double)}.
   *
   * @throws IllegalArgumentException if {@code when} is NaN
   */
  public Timeout(Double when) {
    this.when = checkWhen(when);
  }

  /** The deadline in loop time ({@link EventLoop#time()}), or null if there is none. */
  public Double when() {
    return when;
  }

  /**
   * Moves the deadline to loop time {@code when}, or removes it if {@code when} is null. A deadline
   * that has already passed expires at the next loop iteration. Python's {@code
   * Timeout.reschedule()}.
   *
   * @throws IllegalStateException if the timeout has not been entered ("has not been entered"),
   *     or has already expired or finished ("Cannot change state of expired Timeout", "... of
   *     finished Timeout")
   * @throws IllegalArgumentException if {@code when} is NaN
   */
  public void reschedule(Double when) {
    if (state != State.ENTERED) {
      if (state == State.CREATED) {
        throw new IllegalStateException("Timeout has not been entered");
      }
      throw new IllegalStateException("Cannot change state of " + state.text + " Timeout");
    }
    this.when = checkWhen(when);
    if (handle != null) {
      handle.cancel();
      handle = null;
    }
    if (when != null && when != Double.POSITIVE_INFINITY) {
      EventLoop loop = task.loop;
      if (when <= loop.time()) {
        handle = loop.callSoon(this::onTimeout);
      } else {
        handle = loop.callAt(when, this::onTimeout);
      }
    }
  }

  /**
   * Whether the deadline passed and cancelled the block. Python's {@code Timeout.expired()}.
   */
  public boolean isExpired() {
    return state == State.EXPIRING || state == State.EXPIRED;
  }

  /**
   * Python's {@code __aenter__}: a coroutine that starts the timer for the task awaiting it and
   * completes with this timeout.
   *
   * @return a coroutine that throws {@link IllegalStateException} ("Timeout has already been
   *     entered") if the timeout was entered before
   */
  @Override
  public Coroutine<Timeout> enterAsync() {
    return new Coroutine<>() {
      @Override
      protected void resume() {
        enter(task);
        complete(Timeout.this);
      }

      @Override
      protected String describe() {
        return "Timeout.enterAsync()";
      }
    };
  }

  /**
   * Python's {@code __aexit__}: a coroutine that stops the timer and, if the deadline passed and
   * {@code error} is the resulting {@link CancelledError}, throws a {@link TimeoutError} caused by
   * it. Otherwise it completes with {@code false} (never suppresses {@code error}).
   *
   * @param error the exception leaving the block, or null
   */
  @Override
  public Coroutine<Boolean> exitAsync(Throwable error) {
    return new Coroutine<>() {
      @Override
      protected void resume() {
        exit(error);
        complete(false);
      }

      @Override
      protected String describe() {
        return "Timeout.exitAsync()";
      }
    };
  }

  private void enter(Task<?> current) {
    if (state != State.CREATED) {
      throw new IllegalStateException("Timeout has already been entered");
    }
    if (current == null) {
      throw new IllegalStateException("Timeout should be used inside a task");
    }
    state = State.ENTERED;
    task = current;
    cancellingOnEntry = current.cancelling();
    reschedule(when);
  }

  private void exit(Throwable error) {
    if (state != State.ENTERED && state != State.EXPIRING) {
      throw new IllegalStateException(
          state == State.CREATED
              ? "Timeout has not been entered"
              : "Timeout is " + state.text + ": it cannot be exited again");
    }
    if (handle != null) {
      handle.cancel();
      handle = null;
    }
    if (state == State.EXPIRING) {
      state = State.EXPIRED;
      if (task.uncancel() <= cancellingOnEntry && error != null) {
        // No other cancellation was requested meanwhile: this one is ours.
        if (error instanceof CancelledError) {
          throw new TimeoutError(null, error);
        }
        markTimedOut(error);
        if (error instanceof ExceptionGroup) {
          for (Throwable e : ((ExceptionGroup) error).exceptions()) {
            markTimedOut(e);
          }
        }
      }
    } else {
      state = State.EXITED;
    }
  }

  /**
   * The block turned our cancellation into another exception ({@code catch (CancelledError e) {
   * throw new X(e); }}): like CPython 3.13's {@code _insert_timeout_error}, record that a timeout
   * caused it, here as a suppressed {@link TimeoutError} (caused by the {@code CancelledError}) on
   * the exception whose cause is that {@code CancelledError}. The exception itself is unchanged.
   */
  private static void markTimedOut(Throwable error) {
    Throwable t = error;
    for (int depth = 0; t != null && depth < 100; depth++) {
      Throwable cause = t.getCause();
      if (cause == null || cause == t) {
        return;
      }
      if (cause instanceof CancelledError) {
        t.addSuppressed(new TimeoutError(null, cause));
        return;
      }
      t = cause;
    }
  }

  private void onTimeout() {
    if (state != State.ENTERED) {
      return;
    }
    task.cancel();
    state = State.EXPIRING;
    handle = null;
  }

  private static Double checkWhen(Double when) {
    if (when != null && when.isNaN()) {
      throw new IllegalArgumentException("timeout: the deadline is NaN");
    }
    return when;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<Timeout [").append(state.text).append(']');
    if (state == State.ENTERED) {
      sb.append(" when=").append(when);
    }
    return sb.append('>').toString();
  }
}
