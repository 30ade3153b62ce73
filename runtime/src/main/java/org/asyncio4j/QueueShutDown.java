package org.asyncio4j;

/**
 * Raised by a {@link Queue} that was shut down ({@link Queue#shutdown(boolean)}): by every put, and
 * by gets once the queue is empty (at once after an immediate shutdown). Python 3.13's {@code
 * asyncio.QueueShutDown}.
 */
public class QueueShutDown extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception without a message. */
  public QueueShutDown() {
    super();
  }

  /** An exception with {@code message}. */
  public QueueShutDown(String message) {
    super(message);
  }
}
