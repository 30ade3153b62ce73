package org.asyncio4j;

/**
 * A callback scheduled with {@link EventLoop#callLater} or {@link EventLoop#callAt}: Python's
 * {@code asyncio.TimerHandle}. Timers with equal deadlines run in the order they were scheduled.
 */
public final class TimerHandle extends Handle {
  final EventLoop loop;
  final double when;
  final long sequence;
  /** Position in the loop's timer heap, or -1 when not in it. */
  int heapIndex = -1;

  TimerHandle(EventLoop loop, double when, long sequence, Runnable callback) {
    super(callback);
    this.loop = loop;
    this.when = when;
    this.sequence = sequence;
  }

  /** The absolute loop time ({@link EventLoop#time()}) at which the callback is due. */
  public double when() {
    return when;
  }

  /** Prevents the callback from running and removes the timer from the loop. */
  @Override
  public void cancel() {
    if (!cancelled) {
      cancelled = true;
      loop.timerCancelled(this);
    }
  }

  boolean isBefore(TimerHandle o) {
    return when < o.when || (when == o.when && sequence < o.sequence);
  }

  @Override
  public String toString() {
    return "<TimerHandle when=" + when + " " + callback + (cancelled ? " cancelled" : "") + ">";
  }
}
