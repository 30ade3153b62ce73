package org.asyncio4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.asyncio4j.Asyncio.startServer;

import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Server;
import org.asyncio4j.StreamReader;
import org.asyncio4j.StreamWriter;

/**
 * A simple asynchronous echo server on asyncio4j's streams: each client gets its own coroutine,
 * which reads up to 100 bytes at a time and writes them back prefixed with "Echo: ". Ctrl-C
 * cancels {@code serveForever()}. From tutorial S001 ("Building a Simple Asynchronous Server").
 *
 * <pre>{@code
 * async def handle_client(reader, writer):
 *     addr = writer.get_extra_info('peername')
 *     print(f"Client connected: {addr}")
 *     while True:
 *         data = await reader.read(100)
 *         message = data.decode()
 *         if not data:  # Client disconnected
 *             break
 *         print(f"Received from {addr}: {message.strip()}")
 *         response = f"Echo: {message}"
 *         writer.write(response.encode())
 *         await writer.drain()
 *     print(f"Client disconnected: {addr}")
 *     writer.close()
 *     await writer.wait_closed()
 *
 * async def run_server():
 *     server = await asyncio.start_server(handle_client, '127.0.0.1', 8888)
 *     addr = server.sockets[0].getsockname()
 *     print(f"Server running on {addr}")
 *     print("To test the server:")
 *     print("1. Open another terminal")
 *     print("2. Use: telnet 127.0.0.1 8888")
 *     print("3. Type messages and see them echoed back")
 *     print("4. Press Ctrl+C here to stop the server")
 *     try:
 *         async with server:
 *             await server.serve_forever()
 *     except asyncio.CancelledError:
 *         print("Server stopped")
 * }</pre>
 *
 * <p>The launcher takes an optional port ({@code EchoServer 9000}; default 8888, as in the
 * tutorial). As in Python 3.12+, leaving {@code try (server)} closes the server and waits for
 * the connections it accepted.
 */
public final class EchoServer {
  private EchoServer() {}

  // tutorial:start echo-server
  @Async
  static Coroutine<Void> handleClient(StreamReader reader, StreamWriter writer) {
    // Get client address
    Object addr = writer.getExtraInfo("peername");
    System.out.println("Client connected: " + addr);

    while (true) {
      // Read data from the client
      byte[] data = Await.of(reader.read(100));
      String message = new String(data, UTF_8);

      if (data.length == 0) { // Client disconnected
        break;
      }

      System.out.println("Received from " + addr + ": " + message.strip());

      // Echo the message back to the client
      String response = "Echo: " + message;
      writer.write(response.getBytes(UTF_8));
      Await.of(writer.drain());
    }

    // Close the connection
    System.out.println("Client disconnected: " + addr);
    writer.close();
    Await.of(writer.waitClosed());
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> runServer(int port) {
    Server server = Await.of(startServer(EchoServerAsync::handleClient, "127.0.0.1", port));

    // Get server address
    Object addr = server.sockets().get(0);
    System.out.println("Server running on " + addr);

    System.out.println("To test the server:");
    System.out.println("1. Open another terminal");
    System.out.println("2. Use: telnet 127.0.0.1 " + port);
    System.out.println("3. Type messages and see them echoed back");
    System.out.println("4. Press Ctrl+C here to stop the server");

    try {
      try (server) {
        // This will keep the server running until cancelled
        Await.of(server.serveForever());
      }
    } catch (CancelledError e) {
      System.out.println("Server stopped");
    }
    return Coroutine.done();
  }
  // tutorial:end echo-server

  static void run(RunOptions options, List<String> args) {
    int port = args.isEmpty() ? 8888 : Integer.parseInt(args.get(0));
    Asyncio.run(EchoServerAsync.runServer(port), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create(), List.of(args));
  }
}
