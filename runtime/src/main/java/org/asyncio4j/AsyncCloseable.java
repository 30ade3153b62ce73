package org.asyncio4j;

/**
 * An asynchronous context manager: Python's {@code async with}.
 *
 * <p>Inside an {@code @Async} method, {@code try (resource) { body }} over an {@code
 * AsyncCloseable} awaits {@link #enterAsync()} before the body and {@link #exitAsync(Throwable)}
 * after it, with the exception leaving the body (null if none). An exit that completes with {@code
 * true} suppresses that exception; an exit that fails replaces it; a failing enter skips the body
 * and the exit.
 */
public interface AsyncCloseable extends AutoCloseable {
  /** Python's {@code __aenter__}. */
  Awaitable<?> enterAsync();

  /**
   * Python's {@code __aexit__}.
   *
   * @param error the exception leaving the body, or null
   * @return completes with true to suppress {@code error}
   */
  Awaitable<Boolean> exitAsync(Throwable error);

  /**
   * Not usable: an async resource must be released with {@link #exitAsync}. The processor rewrites
   * {@code try (resource)} in {@code @Async} methods; anywhere else this fails.
   *
   * @throws IllegalStateException always
   */
  @Override
  default void close() {
    throw new IllegalStateException(
        getClass().getName()
            + " is an AsyncCloseable: use it in try-with-resources inside an @Async method"
            + " (Python's 'async with'), where it is entered and exited with awaits.");
  }
}
