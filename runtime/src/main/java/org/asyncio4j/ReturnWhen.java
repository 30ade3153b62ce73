package org.asyncio4j;

/**
 * When {@link Asyncio#wait(java.util.Collection, ReturnWhen)} returns: Python's {@code
 * asyncio.FIRST_COMPLETED}, {@code FIRST_EXCEPTION} and {@code ALL_COMPLETED}.
 */
public enum ReturnWhen {
  /** As soon as any future finishes or is cancelled. */
  FIRST_COMPLETED,
  /**
   * As soon as any future finishes with an exception (a cancelled future does not count); when none
   * does, like {@link #ALL_COMPLETED}.
   */
  FIRST_EXCEPTION,
  /** When every future is done. */
  ALL_COMPLETED
}
