package org.asyncio4j;

/**
 * Raised inside a task at its current await when the task is cancelled, and by {@link
 * Future#result()} on a cancelled future.
 *
 * <p>Like Python's {@code asyncio.CancelledError} (a {@code BaseException}), it extends {@link
 * Error} so that {@code catch (Exception e)} cannot swallow a cancellation by accident. Catch it
 * only to clean up, and rethrow it.
 */
public class CancelledError extends Error {
  private static final long serialVersionUID = 1L;

  public CancelledError() {
    super();
  }

  /** @param message the message given to {@code cancel(msg)}, or null */
  public CancelledError(String message) {
    super(message);
  }
}
