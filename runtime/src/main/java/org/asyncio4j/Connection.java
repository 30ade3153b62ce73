package org.asyncio4j;

/**
 * A connection opened by {@link Asyncio#openConnection}: Python's {@code (reader, writer)} pair.
 * {@code try (conn) { ... }} in an {@code @Async} method closes the writer and waits for the
 * connection to close on exit.
 */
public final class Connection implements AsyncCloseable {
  private final StreamReader reader;
  private final StreamWriter writer;

  Connection(StreamReader reader, StreamWriter writer) {
    this.reader = reader;
    this.writer = writer;
  }

  /** The reading half. */
  public StreamReader reader() {
    return reader;
  }

  /** The writing half. */
  public StreamWriter writer() {
    return writer;
  }

  /** Completes with this connection. */
  @Override
  public Awaitable<?> enterAsync() {
    return Coroutine.of(this);
  }

  /** Closes the writer and waits until the connection is closed. Never suppresses. */
  @Override
  public Awaitable<Boolean> exitAsync(Throwable error) {
    return writer.exitAsync(error);
  }

  @Override
  public String toString() {
    return "<Connection "
        + writer.getExtraInfo("sockname")
        + " -> "
        + writer.getExtraInfo("peername")
        + ">";
  }
}
