package org.asyncio4j;

/**
 * The iterator of an {@link AsyncIterable}: Python's {@code __anext__}, split the way Java
 * iterators are. Await {@link #hasNext()} (which may suspend until the next element is available
 * or the end is known), then take the element with {@link #next()} (which never waits). When an
 * {@code async for} is left early, {@link #closeAsync()} is awaited (Python's {@code aclose()}).
 *
 * @param <T> the type of the elements
 */
public interface AsyncIterator<T> {
  /** Completes with true when {@link #next()} has an element, false at the end. */
  Awaitable<Boolean> hasNext();

  /**
   * The element that {@link #hasNext()} announced.
   *
   * @throws java.util.NoSuchElementException if {@code hasNext()} did not complete with true
   */
  T next();

  /** Releases the iterator early (Python's {@code aclose()}); by default nothing to do. */
  default Awaitable<Void> closeAsync() {
    return Coroutine.done();
  }
}
