package org.asyncio4j;

/**
 * Something an {@code async for} can loop over: Python's asynchronous iterable ({@code
 * __aiter__}). In an {@code @Async} method: {@code for (String line : Await.each(file.lines())) {
 * ... }}.
 *
 * @param <T> the type of the elements
 */
@FunctionalInterface
public interface AsyncIterable<T> {
  /** A new iterator over the elements: Python's {@code __aiter__()}. */
  AsyncIterator<T> asyncIterator();
}
