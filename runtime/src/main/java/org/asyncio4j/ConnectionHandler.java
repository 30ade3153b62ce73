package org.asyncio4j;

/**
 * The client-connected callback of {@link Asyncio#startServer}: called on the loop for each
 * accepted connection, its coroutine runs as a new task. Usually an {@code @Async} method
 * reference: {@code startServer(EchoAsync::handle, "127.0.0.1", 0)}.
 */
@FunctionalInterface
public interface ConnectionHandler {
  /** The coroutine serving one connection. */
  Coroutine<?> handle(StreamReader reader, StreamWriter writer);
}
