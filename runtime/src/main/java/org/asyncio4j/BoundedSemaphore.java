package org.asyncio4j;

/**
 * A {@link Semaphore} that refuses to be released above its initial value: Python's {@code
 * asyncio.BoundedSemaphore}. Catches a release without a matching acquire.
 *
 * <p>Same fast path as {@link Semaphore}: an uncontended {@link #acquire()} returns a shared
 * completed awaitable and allocates nothing.
 */
public final class BoundedSemaphore extends Semaphore {
  private final int bound;

  /** A bounded semaphore with one unit. */
  public BoundedSemaphore() {
    this(1);
  }

  /**
   * A bounded semaphore whose counter starts at, and may never exceed, {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is negative (Python's ValueError)
   */
  public BoundedSemaphore(int value) {
    super(value);
    this.bound = value;
  }

  /**
   * Releases one unit.
   *
   * @throws IllegalArgumentException if that would raise the counter above the initial value
   *     (Python's ValueError: "BoundedSemaphore released too many times")
   */
  @Override
  public void release() {
    if (value >= bound) {
      throw new IllegalArgumentException(
          "BoundedSemaphore released too many times (initial value " + bound + ")");
    }
    super.release();
  }
}
