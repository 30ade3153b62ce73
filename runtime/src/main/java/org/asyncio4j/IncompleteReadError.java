package org.asyncio4j;

import java.util.Arrays;

/**
 * A stream reached its end before a read could be satisfied: Python's {@code
 * asyncio.IncompleteReadError}. Raised by {@link StreamReader#readExactly(int)} and {@link
 * StreamReader#readUntil(byte[])}; {@link #partial()} holds every byte that was read, so nothing is
 * lost. When the stream ended because the connection failed (reset by the peer, ...), that error is
 * the cause.
 */
public class IncompleteReadError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final byte[] partial;
  private final int expected;

  /**
   * @param partial the bytes read before the end of the stream (kept as given)
   * @param expected the number of bytes asked for, or -1 when reading up to a separator
   */
  public IncompleteReadError(byte[] partial, int expected) {
    super(
        partial.length
            + " bytes read on a total of "
            + (expected < 0 ? "undefined" : String.valueOf(expected))
            + " expected bytes: the stream ended first (the peer closed the connection or the"
            + " process closed its output). partial() holds the bytes that were read.");
    this.partial = partial;
    this.expected = expected;
  }

  /** The bytes read before the end of the stream (a copy). */
  public byte[] partial() {
    return Arrays.copyOf(partial, partial.length);
  }

  /** The number of bytes that were expected, or -1 for a read up to a separator (Python's None). */
  public int expected() {
    return expected;
  }
}
