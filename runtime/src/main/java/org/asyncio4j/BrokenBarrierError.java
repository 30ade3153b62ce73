package org.asyncio4j;

/**
 * Raised by {@link Barrier#waitAsync()} when the barrier is broken ({@link Barrier#abort()}) or
 * reset ({@link Barrier#reset()}) while the task waits: Python's {@code
 * asyncio.BrokenBarrierError}, which is a {@code RuntimeError} (hence an {@link
 * IllegalStateException} here).
 */
public class BrokenBarrierError extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** An exception without a message. */
  public BrokenBarrierError() {
    super();
  }

  /** An exception with {@code message}. */
  public BrokenBarrierError(String message) {
    super(message);
  }
}
