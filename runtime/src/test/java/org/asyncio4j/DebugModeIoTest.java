package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Debug mode covers the I/O handlers the loop runs inside its selector poll (issue #8): a read or
 * accept callback that blocks is reported by the watchdog while it still blocks, and a slow one is
 * reported afterwards, naming the handler, the task it resumes and that task's source line. Real
 * loopback sockets; the blocking handlers wait on a latch that the report itself releases (so a
 * missing report fails the test instead of passing late), no timing assertion.
 */
@Timeout(60)
class DebugModeIoTest {

  /**
   * The reports about I/O handlers (a loaded machine may make a step of the test's own coroutines
   * slow too: those reports are not what these tests check).
   */
  static final String BLOCKED_IO = "Event loop blocked: executing <I/O handler";

  /** A debug-mode loop in real time whose reports release {@code released} and are collected. */
  private static EventLoop debugLoop(List<String> warnings, CountDownLatch released) {
    EventLoop loop =
        EventLoop.create(
            RunOptions.create().virtualTime(false).debug(true).slowCallbackDuration(0.02));
    loop.warningSink =
        w -> {
          warnings.add(w);
          if (w.startsWith(BLOCKED_IO)) {
            released.countDown();
          }
        };
    return loop;
  }

  /** Blocks the loop thread until the watchdog's report released it (or 20 s: the test fails). */
  static boolean blockUntilReported(CountDownLatch released) {
    try {
      return released.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * A read handler registered with the loop's selector that blocks the loop, then completes {@code
   * got} with what it read. Like the stream transport, it knows the task waiting for its data.
   */
  static final class BlockingReader implements IoHandler {
    final SocketChannel ch;
    final Future<String> got;
    final CountDownLatch released;
    Boolean releasedByReport;

    BlockingReader(SocketChannel ch, Future<String> got, CountDownLatch released) {
      this.ch = ch;
      this.got = got;
      this.released = released;
    }

    @Override
    public void onReady(SelectionKey key) throws IOException {
      ByteBuffer b = ByteBuffer.allocate(16);
      int n = ch.read(b);
      key.cancel();
      releasedByReport = blockUntilReported(released);
      got.setResult(new String(b.array(), 0, Math.max(n, 0), StandardCharsets.UTF_8));
    }

    @Override
    public Task<?> resumes() {
      return got.firstWaitingTask();
    }

    @Override
    public String toString() {
      return "<blocking reader>";
    }
  }

  private static List<String> startingWith(List<String> warnings, String prefix) {
    List<String> out = new ArrayList<>();
    synchronized (warnings) {
      for (String w : warnings) {
        if (w.startsWith(prefix)) {
          out.add(w);
        }
      }
    }
    return out;
  }

  @Test
  void aReadHandlerThatBlocksIsReportedWhileBlockedAndAfterwardsWithTheTaskItResumes()
      throws Exception {
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch released = new CountDownLatch(1);
    EventLoop loop = debugLoop(warnings, released);
    try (ServerSocketChannel listener = ServerSocketChannel.open()) {
      listener.bind(new InetSocketAddress("127.0.0.1", 0));
      try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
          SocketChannel peer = listener.accept()) {
        peer.configureBlocking(false);
        Future<String> got = loop.createFuture();
        BlockingReader handler = new BlockingReader(peer, got, released);
        loop.callSoon(
            () -> {
              try {
                peer.register(loop.selector(), SelectionKey.OP_READ, handler);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
        // demo.Shop.fetch sends a request at line 30 and awaits the reply at line 31.
        Coroutine<String> fetch =
            DemoCoros.awaiting(
                "fetch",
                30,
                31,
                () -> {
                  try {
                    client.write(ByteBuffer.wrap(IoCoros.bytes("ping")));
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                  return got;
                });
        assertEquals("ping", loop.runUntilComplete(loop.createTask(fetch, "reader")));
        assertEquals(Boolean.TRUE, handler.releasedByReport, warnings.toString());
      }
    } finally {
      loop.close();
    }
    List<String> blocked = startingWith(warnings, BLOCKED_IO);
    assertEquals(1, blocked.size(), warnings.toString());
    String report = blocked.get(0);
    String thread = Thread.currentThread().getName();
    assertTrue(
        report.matches(
            "(?s)Event loop blocked: executing <I/O handler <blocking reader> ready for read,"
                + " resuming task 'reader' at demo\\.Shop\\.fetch\\(Shop\\.java:31\\)> for"
                + " \\d+\\.\\d{3} seconds so far \\(slowCallbackDuration 0\\.020\\); the loop"
                + " thread '\\Q"
                + thread
                + "\\E' is at:\n\tat .*"),
        report);
    for (String frame :
        List.of(
            "java.util.concurrent.CountDownLatch.await(CountDownLatch.java:",
            "DebugModeIoTest$BlockingReader.onReady(DebugModeIoTest.java:",
            "org.asyncio4j.EventLoop.processSelectedKeys(EventLoop.java:")) {
      assertTrue(report.contains(frame), report);
    }
    List<String> slow = startingWith(warnings, "Executing <I/O handler");
    assertEquals(1, slow.size(), warnings.toString());
    assertTrue(
        slow.get(0)
            .matches(
                "Executing <I/O handler <blocking reader> ready for read, resuming task 'reader' at"
                    + " demo\\.Shop\\.fetch\\(Shop\\.java:31\\)> took \\d+\\.\\d{3} seconds: woke"
                    + " task 'reader' at demo\\.Shop\\.fetch\\(Shop\\.java:31\\)"),
        slow.get(0));
    assertEquals(0, EventLoop.debugLoopsRunning);
  }

  /**
   * The stream transport names the task waiting to read from its socket (what the watchdog and the
   * slow-handler report print for a socket's handler).
   */
  @Test
  void aSocketsHandlerIsDescribedWithTheTaskWaitingToReadFromIt() {
    String[] described = new String[2];
    Connection[] conn = new Connection[1];
    int[] port = new int[1];
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> Asyncio.startServer(IoCoros.echo(""), "127.0.0.1", 0),
                s -> port[0] = s.sockets().get(0).getPort()),
            Coros.await(() -> Asyncio.openConnection("127.0.0.1", port[0]), c -> conn[0] = c),
            Coros.run(
                () -> {
                  SocketTransport t = (SocketTransport) conn[0].reader().transport;
                  described[0] = Watchdog.describeIo(t, SelectionKey.OP_READ, t.resumes());
                  Asyncio.createTask(
                      DemoCoros.awaiting("fetch", 30, 31, () -> conn[0].reader().read(10)),
                      "reader");
                }),
            Coros.await(() -> Asyncio.sleep(0)), // the reader now waits for data
            Coros.run(
                () -> {
                  SocketTransport t = (SocketTransport) conn[0].reader().transport;
                  described[1] = Watchdog.describeIo(t, SelectionKey.OP_READ, t.resumes());
                  conn[0].writer().close();
                })),
        LoopTesting.realTime());
    String socket =
        "<SocketTransport "
            + conn[0].writer().getExtraInfo("sockname")
            + " -> /127.0.0.1:"
            + port[0];
    assertEquals("<I/O handler " + socket + "> ready for read>", described[0]);
    assertEquals(
        "<I/O handler "
            + socket
            + "> ready for read, resuming task 'reader' at demo.Shop.fetch(Shop.java:31)>",
        described[1]);
  }

  @Test
  void anAcceptHandlerThatBlocksIsReportedWhileBlockedAndNamesTheTaskItStarts() throws Exception {
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch released = new CountDownLatch(1);
    EventLoop loop = debugLoop(warnings, released);
    Boolean[] releasedByReport = new Boolean[1];
    List<Socket> clients = Collections.synchronizedList(new ArrayList<>());
    int[] port = new int[1];
    Future<String> served = loop.createFuture();
    // The connection callback is user code run by the accept handler: it blocks before it
    // returns the coroutine that serves the connection (demo.Shop.serve, line 60).
    ConnectionHandler blocking =
        (r, w) -> {
          releasedByReport[0] = blockUntilReported(released);
          return DemoCoros.awaiting(
              "serve",
              60,
              61,
              () -> {
                served.setResult("served");
                w.close();
                return Coroutine.of(null);
              });
        };
    try {
      loop.runUntilComplete(
          Coros.after(
              () -> Asyncio.startServer(blocking, "127.0.0.1", 0),
              server -> {
                port[0] = server.sockets().get(0).getPort();
                Thread connect =
                    new Thread(
                        () -> {
                          try {
                            clients.add(new Socket("127.0.0.1", port[0]));
                          } catch (IOException e) {
                            served.getLoop().callSoonThreadsafe(() -> served.setException(e));
                          }
                        });
                connect.start();
                return null;
              }));
      assertEquals("served", loop.runUntilComplete(served));
      assertEquals(Boolean.TRUE, releasedByReport[0], warnings.toString());
    } finally {
      for (Socket s : clients) {
        s.close();
      }
      loop.close();
    }
    // Only the listener's reports: on a loaded machine a connection's handler may be slow too.
    List<String> blocked = startingWith(warnings, BLOCKED_IO + " <Server listener");
    assertEquals(1, blocked.size(), warnings.toString());
    assertTrue(
        blocked
            .get(0)
            .startsWith(
                "Event loop blocked: executing <I/O handler <Server listener /127.0.0.1:"
                    + port[0]
                    + "> ready for accept> for "),
        blocked.get(0));
    assertTrue(
        blocked.get(0).contains("org.asyncio4j.Server.accepted(Server.java:"), blocked.get(0));
    List<String> slow = startingWith(warnings, "Executing <I/O handler <Server listener");
    assertEquals(1, slow.size(), warnings.toString());
    assertTrue(
        slow.get(0)
            .matches(
                "Executing <I/O handler <Server listener /127\\.0\\.0\\.1:"
                    + port[0]
                    + "> ready for accept> took \\d+\\.\\d{3} seconds: started task 'Task-\\d+' at"
                    + " demo\\.Shop\\.serve\\(Shop\\.java:60\\)"),
        slow.get(0));
  }
}
