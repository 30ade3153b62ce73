package org.asyncio4j;

/**
 * Raised by {@link Asyncio#waitFor}, {@link Asyncio#timeout} and {@link Asyncio#asCompleted} when
 * the deadline passes. When the timeout cancelled the waiting code, the {@link CancelledError} is
 * the cause.
 */
public class TimeoutError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TimeoutError() {
    super();
  }

  public TimeoutError(String message) {
    super(message);
  }

  public TimeoutError(String message, Throwable cause) {
    super(message, cause);
  }
}
