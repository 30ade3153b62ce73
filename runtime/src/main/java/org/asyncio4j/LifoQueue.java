package org.asyncio4j;

/**
 * A last-in, first-out queue: Python's {@code asyncio.LifoQueue}. Gets return the most recently put
 * item first; everything else (bounds, waiting, {@code taskDone}/{@code join}, shutdown,
 * allocation-free immediate puts and gets) is as in {@link Queue}.
 *
 * @param <T> the type of the items
 */
public class LifoQueue<T> extends Queue<T> {
  /** An unbounded LIFO queue. */
  public LifoQueue() {
    this(0);
  }

  /** A LIFO queue holding at most {@code maxsize} items ({@code <= 0}: unbounded). */
  public LifoQueue(int maxsize) {
    super(maxsize, true);
  }

  @Override
  T take() {
    return unmask(items.pollLast());
  }

  @Override
  java.util.List<Object> snapshot() {
    java.util.List<Object> list = super.snapshot();
    java.util.Collections.reverse(list);
    return list;
  }
}
