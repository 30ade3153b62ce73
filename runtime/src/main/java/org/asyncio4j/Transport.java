package org.asyncio4j;

/**
 * What a {@link StreamReader} and a {@link StreamWriter} need from the connection under them (a
 * socket on the loop's selector, or a subprocess pipe). Called on the loop thread only.
 */
interface Transport {
  /** The reader's {@link StreamReader#wantsData()} changed: start or stop reading. */
  void readingChanged();

  /** The writer buffered data, or asked to close or to send EOF: act on it. */
  void writerChanged();

  /**
   * Writes what it can of {@code b[off, off+len)} at once, without blocking, when the writer's
   * buffer is empty; returns the number of bytes written (0 if this transport cannot write
   * synchronously).
   */
  int writeNow(byte[] b, int off, int len) throws java.io.IOException;

  /** Whether {@link StreamWriter#writeEof()} is supported. */
  boolean canWriteEof();

  /** Closes at once, dropping buffered data. */
  void abort();

  /** {@link StreamWriter#getExtraInfo(String)}. */
  Object extraInfo(String name);
}
