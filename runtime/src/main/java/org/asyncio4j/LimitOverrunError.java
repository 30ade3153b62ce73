package org.asyncio4j;

/**
 * A read up to a separator found more data than the stream's buffer limit allows before the
 * separator: Python's {@code asyncio.LimitOverrunError}. {@link #consumed()} is the number of bytes
 * to consume to get past the data that overran (for {@link StreamReader#readUntil(byte[])} the data
 * stays buffered, so it can still be read with {@link StreamReader#read(int)}; {@link
 * StreamReader#readLine()} discards it, as Python's {@code readline()} does).
 */
public class LimitOverrunError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int consumed;

  /**
   * @param message what overran, and what to do about it
   * @param consumed the number of bytes to consume to get past the overrunning data
   */
  public LimitOverrunError(String message, int consumed) {
    super(message);
    this.consumed = consumed;
  }

  /** The number of bytes that have to be consumed to get past the overrunning data. */
  public int consumed() {
    return consumed;
  }
}
