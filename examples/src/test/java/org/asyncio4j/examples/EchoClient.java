package org.asyncio4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.openConnection;
import static org.asyncio4j.Asyncio.sleep;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Await;
import org.asyncio4j.Connection;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Task;

/**
 * Drives {@link EchoServer} in a test: the tutorial's "telnet 127.0.0.1 8888" session, then the
 * Ctrl-C that stops the server (here: cancelling its task).
 */
final class EchoClient {
  private EchoClient() {}

  @Async
  static Coroutine<List<String>> session(int port, List<String> lines) {
    Task<Void> server = createTask(EchoServerAsync.runServer(port));
    Await.of(sleep(0.1)); // Let the server start listening
    Connection connection = Await.of(openConnection("127.0.0.1", port));
    List<String> replies = new ArrayList<>();
    for (String line : lines) {
      connection.writer().write((line + "\n").getBytes(UTF_8));
      Await.of(connection.writer().drain());
      byte[] reply = Await.of(connection.reader().readLine());
      replies.add(new String(reply, UTF_8));
    }
    connection.writer().close();
    Await.of(connection.writer().waitClosed());
    Await.of(sleep(0.1)); // Let the server see the end of the stream
    server.cancel(); // Ctrl-C
    Await.of(server);
    return Coroutine.of(replies);
  }
}
