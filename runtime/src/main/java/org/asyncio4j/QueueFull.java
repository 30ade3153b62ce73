package org.asyncio4j;

/**
 * Raised by {@link Queue#putNowait(Object)} when the queue is full: Python's {@code
 * asyncio.QueueFull}.
 */
public class QueueFull extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception without a message. */
  public QueueFull() {
    super();
  }

  /** An exception with {@code message}. */
  public QueueFull(String message) {
    super(message);
  }
}
