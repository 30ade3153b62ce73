package org.asyncio4j;

import java.util.Objects;

/** A callback scheduled with {@link EventLoop#callSoon}: Python's {@code asyncio.Handle}. */
public class Handle implements Runnable {
  final Runnable callback;
  volatile boolean cancelled;

  Handle(Runnable callback) {
    this.callback = Objects.requireNonNull(callback, "callback");
  }

  /** Prevents the callback from running; does nothing if it already ran. */
  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** Runs the callback unless cancelled. Called by the loop. */
  @Override
  public void run() {
    if (!cancelled) {
      callback.run();
    }
  }

  @Override
  public String toString() {
    return "<Handle " + callback + (cancelled ? " cancelled" : "") + ">";
  }
}
