package org.asyncio4j.bench.echo;

import static org.asyncio4j.Asyncio.startServer;

import org.asyncio4j.Async;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Server;
import org.asyncio4j.StreamReader;
import org.asyncio4j.StreamWriter;

/**
 * The asyncio4j echo server of the benchmark: {@code startServer} with one coroutine per connection
 * that reads what has arrived (up to 64 KiB) and writes it back, the asyncio streams way. Python's
 * peer is benchmarks/python/echo_server.py, the same program.
 */
public final class Asyncio4jEchoServer {
  /** The most one read returns; as in the Python server. */
  static final int READ_SIZE = 64 * 1024;

  private Asyncio4jEchoServer() {}

  /** Echoes everything the client sends until it closes its side. */
  @Async
  static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) {
    while (true) {
      byte[] data = Await.of(reader.read(READ_SIZE));
      if (data.length == 0) {
        break;
      }
      writer.write(data);
      Await.of(writer.drain());
    }
    writer.close();
    return Coroutine.done();
  }

  /**
   * Listens on 127.0.0.1:{@code port} (0: an ephemeral port), tells {@code listening} the port, and
   * serves until cancelled.
   */
  @Async
  static Coroutine<Void> serve(int port, java.util.function.IntConsumer listening) {
    Server server = Await.of(startServer(Asyncio4jEchoServerAsync::echo, "127.0.0.1", port));
    listening.accept(server.sockets().get(0).getPort());
    Await.of(server.serveForever());
    return Coroutine.done();
  }
}
