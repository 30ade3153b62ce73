package org.asyncio4j;

/**
 * The coroutine of {@link Asyncio#sleep(double, Object)}. Lazy like Python's: the timer starts when
 * the coroutine starts running. A delay of zero or less yields to the loop for exactly one
 * iteration (the task is rescheduled behind the callbacks already ready).
 */
final class Sleep<T> extends Coroutine<T> implements Runnable {
  private final double delay;
  private final T value;
  private Future<Void> wakeUp;
  private TimerHandle timer;

  Sleep(double delay, T value) {
    if (Double.isNaN(delay)) {
      throw new IllegalArgumentException("sleep: the delay is NaN");
    }
    this.delay = delay;
    this.value = value;
    if (delay <= 0 && value == null && awaiting == null) {
      // Awaited directly, it only yields (Coroutine.await). Not in debug mode, where `awaiting`
      // holds the never-awaited registration: that sleep runs as a coroutine and unregisters.
      status = NEW_YIELD;
    }
  }

  @Override
  protected void resume() {
    switch (label) {
      case 0:
        if (delay <= 0) {
          label = 1;
          task.yieldOnce();
          return;
        }
        wakeUp = new Future<>(task.loop);
        timer = task.loop.callLater(delay, this);
        if (!await(wakeUp, 2)) {
          return;
        }
        // fall through: cannot happen (the future is pending), kept for the contract's shape
      case 2:
        try {
          awaitResult();
        } finally {
          timer.cancel();
        }
        complete(value);
        return;
      case 1:
        awaitResult(); // throws a cancellation delivered during the yield
        complete(value);
        return;
      default:
        throw new IllegalStateException("bad label " + label);
    }
  }

  /** The loop time at which the sleep ends (NaN before it started), for task dumps. */
  double deadline() {
    TimerHandle t = timer;
    return t == null ? Double.NaN : t.when();
  }

  /** The timer fired. */
  @Override
  public void run() {
    if (!wakeUp.isDone()) {
      wakeUp.setResult(null);
    }
  }

  @Override
  protected String describe() {
    return "sleep(" + delay + ")";
  }
}
