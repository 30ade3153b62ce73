package org.asyncio4j;

/**
 * Raised by {@link Queue#getNowait()} when the queue is empty: Python's {@code asyncio.QueueEmpty}.
 */
public class QueueEmpty extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception without a message. */
  public QueueEmpty() {
    super();
  }

  /** An exception with {@code message}. */
  public QueueEmpty(String message) {
    super(message);
  }
}
