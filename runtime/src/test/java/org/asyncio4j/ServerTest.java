package org.asyncio4j;

import static org.asyncio4j.IoCoros.bytes;
import static org.asyncio4j.IoCoros.str;
import static org.asyncio4j.LoopTesting.realTime;
import static org.asyncio4j.LoopTesting.vt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TCP streams end to end on loopback: STR-01, many concurrent clients, back-pressure, half-close,
 * server close with connected clients, peers that disconnect mid-read, refused connections, IPv6.
 * Every server binds port 0 on 127.0.0.1 or ::1; every loop is bounded.
 */
@Timeout(30)
class ServerTest {

  /** Test state shared between the steps of a scenario. */
  private static final class Ctx {
    Server server;
    int port;
    Connection conn;
    Task<?> task;
    final List<Object> log = Collections.synchronizedList(new ArrayList<>());
  }

  private static Coros.Step startServer(Ctx c, ConnectionHandler h, String host) {
    return Coros.await(
        () -> Asyncio.startServer(h, host, 0),
        s -> {
          c.server = s;
          c.port = s.sockets().get(0).getPort();
        });
  }

  private static Coros.Step connect(Ctx c, String host) {
    return Coros.await(() -> Asyncio.openConnection(host, c.port), x -> c.conn = x);
  }

  @Test
  void str01_echoServerThenServeForeverCancelled() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            startServer(c, IoCoros.echo("Echo: "), "127.0.0.1"),
            Coros.run(() -> c.task = Asyncio.createTask(c.server.serveForever())),
            connect(c, "127.0.0.1"),
            Coros.run(
                () -> {
                  c.conn.writer().write(bytes("hello\n"));
                  c.conn.writer().writeLines(List.of(bytes("wor"), bytes("ld\n")));
                }),
            Coros.await(() -> c.conn.writer().drain()),
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v))),
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v))),
            Coros.run(() -> c.conn.writer().close()),
            Coros.await(() -> c.conn.writer().waitClosed()),
            Coros.run(() -> c.task.cancel()),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> LoopTesting.any(c.task), v -> "done"),
                        CancelledError.class,
                        e -> "cancelled"),
                v -> c.log.add(v)),
            Coros.run(
                () ->
                    c.log.add(
                        "serving=" + c.server.isServing() + " sockets=" + c.server.sockets()))),
        realTime());
    assertEquals(
        List.of("Echo: hello\n", "Echo: world\n", "cancelled", "serving=false sockets=[]"), c.log);
  }

  @Test
  void cancellingServeForeverEndsTheConnectedHandlers() {
    Ctx c = new Ctx();
    List<String> handlerLog = new ArrayList<>();
    ConnectionHandler h =
        (r, w) ->
            Coros.tryFinally(
                () -> IoCoros.echo("").handle(r, w), () -> handlerLog.add("handler finally"));
    Asyncio.run(
        Coros.steps(
            startServer(c, h, "127.0.0.1"),
            Coros.run(() -> c.task = Asyncio.createTask(c.server.serveForever())),
            connect(c, "127.0.0.1"),
            Coros.run(() -> c.conn.writer().write(bytes("hi\n"))),
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v))),
            // Ctrl-C in a program awaiting serveForever(): the client is still connected.
            Coros.run(() -> c.task.cancel()),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> LoopTesting.any(c.task), v -> "done"),
                        CancelledError.class,
                        e -> "cancelled"),
                v -> c.log.add(v)),
            Coros.await(() -> c.conn.reader().read(-1), v -> c.log.add("client eof " + v.length))),
        realTime());
    assertEquals(List.of("hi\n", "cancelled", "client eof 0"), c.log);
    assertEquals(List.of("handler finally"), handlerLog);
  }

  @Test
  void aServerLeftOpenIsReleasedWhenRunEnds() throws IOException {
    Ctx c = new Ctx();
    LoopTesting.Reports reports = new LoopTesting.Reports();
    List<String> handlerLog = new ArrayList<>();
    ConnectionHandler h =
        (r, w) ->
            Coros.tryFinally(
                () -> IoCoros.echo("").handle(r, w), () -> handlerLog.add("handler finally"));
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> Asyncio.getRunningLoop().setExceptionHandler(reports)),
            startServer(c, h, "127.0.0.1"),
            connect(c, "127.0.0.1"),
            Coros.run(() -> c.conn.writer().write(bytes("x\n"))),
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v)))),
        // main returns with the server, the connection and its handler still running
        realTime());
    assertEquals(List.of("x\n"), c.log);
    assertEquals(List.of("handler finally"), handlerLog); // run() cancelled the handler task
    assertEquals(0, reports.size(), () -> String.valueOf(reports.contexts));
    // The listening socket was closed with the loop: the port can be bound again.
    try (ServerSocketChannel again = ServerSocketChannel.open()) {
      again.bind(new InetSocketAddress("127.0.0.1", c.port));
    }
  }

  @Test
  void echoWorksUnderVirtualTimeToo() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            startServer(c, IoCoros.echo(""), "127.0.0.1"),
            connect(c, "127.0.0.1"),
            Coros.run(() -> c.conn.writer().write(bytes("ping\n"))),
            // No timer here: with virtual time the clock would jump to a deadline whenever the
            // selector has nothing ready at that instant (sockets are not external work).
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v))),
            Coros.await(() -> c.conn.writer().exitAsync(null)),
            Coros.await(() -> c.server.exitAsync(null), v -> c.log.add("suppress=" + v))),
        vt());
    assertEquals(List.of("ping\n", "suppress=false"), c.log);
  }

  @Test
  void hundredConcurrentClientsEachGetTheirOwnEcho() {
    Ctx c = new Ctx();
    int clients = 100;
    int linesEach = 20;
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    int[] ok = {0};
    Asyncio.run(
        Coros.steps(
            startServer(c, IoCoros.echo(">"), "127.0.0.1"),
            Coros.await(
                () -> {
                  List<Coroutine<Void>> all = new ArrayList<>();
                  for (int i = 0; i < clients; i++) {
                    all.add(client(c, i, linesEach, failures, ok));
                  }
                  return Asyncio.gather(all);
                }),
            Coros.run(() -> c.server.close()),
            Coros.await(() -> c.server.waitClosed())),
        realTime());
    assertEquals(List.of(), failures);
    assertEquals(clients * linesEach, ok[0]);
  }

  private static Coroutine<Void> client(Ctx c, int id, int lines, List<String> failures, int[] ok) {
    Connection[] conn = new Connection[1];
    int[] n = {0};
    return Coros.steps(
        Coros.await(() -> Asyncio.openConnection("127.0.0.1", c.port), x -> conn[0] = x),
        Coros.await(
            () ->
                IoCoros.loop(
                    lines + 1,
                    () -> {
                      conn[0].writer().write(bytes("client " + id + " line " + n[0] + "\n"));
                      return conn[0].reader().readLine();
                    },
                    line -> {
                      String expected = ">client " + id + " line " + n[0] + "\n";
                      if (expected.equals(str(line))) {
                        synchronized (ok) {
                          ok[0]++;
                        }
                      } else {
                        failures.add(
                            "client " + id + ": expected " + expected + " got " + str(line));
                      }
                      return ++n[0] < lines;
                    })),
        Coros.run(() -> conn[0].writer().close()),
        Coros.await(() -> conn[0].writer().waitClosed()));
  }

  @Test
  void drainAppliesBackPressureWithASlowReader() {
    Ctx c = new Ctx();
    int chunk = 32 * 1024;
    int chunks = 128; // 4 MiB, far more than the socket buffers and the high-water mark
    int[] suspendedDrains = {0};
    int[] maxBufferedAfterDrain = {0};
    ConnectionHandler producer =
        (r, w) -> {
          int[] i = {0};
          return IoCoros.loop(
              chunks + 1,
              () -> {
                byte[] b = new byte[chunk];
                java.util.Arrays.fill(b, (byte) i[0]);
                w.write(b);
                Coroutine<Void> d = w.drain();
                if (d != Coroutine.done()) {
                  suspendedDrains[0]++;
                }
                return d;
              },
              v -> {
                maxBufferedAfterDrain[0] = Math.max(maxBufferedAfterDrain[0], w.buffered());
                return ++i[0] < chunks;
              });
        };
    long[] received = {0};
    List<String> errors = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            startServer(c, producer, "127.0.0.1"),
            connect(c, "127.0.0.1"),
            // The client does not read at first: the producer must stop at the high-water mark.
            Coros.await(() -> Asyncio.sleep(0.2)),
            Coros.run(() -> c.log.add("buffered while nobody reads <= " + bufferedBound(c))),
            Coros.await(
                () ->
                    IoCoros.loop(
                        10_000_000,
                        () -> c.conn.reader().read(4096),
                        b -> {
                          for (byte x : b) {
                            if (x != (byte) (received[0] / chunk) && errors.size() < 5) {
                              errors.add("byte " + received[0] + " is " + x);
                            }
                            received[0]++;
                          }
                          return b.length > 0;
                        }))),
        realTime());
    assertEquals(List.of(), errors);
    assertEquals(List.of("buffered while nobody reads <= true"), c.log);
    assertEquals((long) chunk * chunks, received[0]);
    assertTrue(suspendedDrains[0] > 0, "drain() never waited");
    assertTrue(
        maxBufferedAfterDrain[0] <= StreamWriter.HIGH_WATER, "buffer " + maxBufferedAfterDrain[0]);
  }

  private static boolean bufferedBound(Ctx c) {
    // The client's reader stops reading from the socket at twice its limit.
    return c.conn.reader().buffered() <= 2 * StreamReader.DEFAULT_LIMIT + 64 * 1024;
  }

  @Test
  void interestOpsStayMinimal() {
    Ctx c = new Ctx();
    StreamReader[] serverReader = new StreamReader[1];
    StreamWriter[] serverWriter = new StreamWriter[1];
    Future<?>[] hold = new Future<?>[1];
    ConnectionHandler h =
        (r, w) -> {
          serverReader[0] = r;
          serverWriter[0] = w;
          Future<Object> f = Asyncio.getRunningLoop().createFuture();
          hold[0] = f;
          return Coros.after(() -> f, v -> v); // never reads until released
        };
    int total = 16 * 1024 * 1024; // more than loopback socket buffers take
    Asyncio.run(
        Coros.steps(
            startServer(c, h, "127.0.0.1"),
            connect(c, "127.0.0.1"),
            Coros.await(
                () -> IoCoros.loop(1000, () -> Asyncio.sleep(0.005), v -> serverWriter[0] == null)),
            // Idle: only OP_READ (the buffer has room), never OP_WRITE.
            Coros.run(
                () -> {
                  c.log.add("idle client ops=" + ops(c.conn.writer()));
                  c.log.add("idle server ops=" + ops(serverWriter[0]));
                  c.conn.writer().write(new byte[total]);
                  int expected =
                      SelectionKey.OP_READ
                          | (c.conn.writer().buffered() > 0 ? SelectionKey.OP_WRITE : 0);
                  c.log.add("client writing ops ok=" + (ops(c.conn.writer()) == expected));
                  c.log.add("client buffered=" + (c.conn.writer().buffered() > 0));
                }),
            // The server reads until twice its limit is buffered, then stops reading.
            Coros.await(
                () ->
                    IoCoros.loop(
                        2000,
                        () -> Asyncio.sleep(0.005),
                        v -> serverReader[0].buffered() < 2 * StreamReader.DEFAULT_LIMIT)),
            Coros.run(() -> c.log.add("paused server ops=" + ops(serverWriter[0]))),
            Coros.run(() -> ((Future<Object>) hold[0]).setResult(null)),
            // The server closes when its handler ends, with unread data: the client may see a
            // reset.
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> c.conn.reader().read(-1), java.io.IOException.class, e -> null)),
            Coros.await(() -> c.conn.exitAsync(null)),
            Coros.await(() -> c.server.exitAsync(null))),
        realTime());
    assertEquals(
        List.of(
            "idle client ops=" + SelectionKey.OP_READ,
            "idle server ops=" + SelectionKey.OP_READ,
            "client writing ops ok=true",
            "client buffered=true",
            "paused server ops=0"),
        c.log);
  }

  private static int ops(StreamWriter w) {
    SocketChannel ch = (SocketChannel) w.getExtraInfo("socket");
    return ch.keyFor(Asyncio.getRunningLoop().selector()).interestOps();
  }

  @Test
  void halfClosedConnectionStillCarriesTheReply() {
    Ctx c = new Ctx();
    ConnectionHandler upper =
        (r, w) ->
            Coros.steps(
                Coros.await(
                    () -> r.read(-1),
                    all -> {
                      c.log.add("server read " + str(all) + " eof=" + r.atEof());
                      w.write(bytes(str(all).toUpperCase(java.util.Locale.ROOT)));
                    }));
    Asyncio.run(
        Coros.steps(
            startServer(c, upper, "127.0.0.1"),
            connect(c, "127.0.0.1"),
            Coros.run(
                () -> {
                  assertTrue(c.conn.writer().canWriteEof());
                  c.conn.writer().write(bytes("half "));
                  c.conn.writer().write(bytes("closed"));
                  c.conn.writer().writeEof();
                  assertThrows(
                      IllegalStateException.class, () -> c.conn.writer().write(bytes("x")));
                }),
            Coros.await(() -> c.conn.reader().read(-1), v -> c.log.add("client read " + str(v))),
            Coros.run(() -> c.conn.writer().close()),
            Coros.await(() -> c.conn.writer().waitClosed()),
            Coros.run(() -> c.server.close()),
            Coros.await(() -> c.server.waitClosed())),
        realTime());
    assertEquals(List.of("server read half closed eof=true", "client read HALF CLOSED"), c.log);
  }

  @Test
  void closingTheServerKeepsAcceptedConnectionsAndWaitClosedWaitsForThem() {
    Ctx c = new Ctx();
    Task<?>[] waiter = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            startServer(c, IoCoros.echo("e:"), "127.0.0.1"),
            connect(c, "127.0.0.1"),
            Coros.run(() -> c.conn.writer().write(bytes("one\n"))),
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v))),
            Coros.run(
                () -> {
                  c.server.close();
                  c.log.add("sockets=" + c.server.sockets());
                  waiter[0] = Asyncio.createTask(c.server.waitClosed());
                }),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () ->
                            Coros.after(
                                () -> Asyncio.openConnection("127.0.0.1", c.port),
                                x -> "connected"),
                        ConnectException.class,
                        e -> "refused"),
                v -> c.log.add(v)),
            // The accepted connection still works.
            Coros.run(() -> c.conn.writer().write(bytes("two\n"))),
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v))),
            Coros.await(() -> Asyncio.sleep(0.05)),
            Coros.run(() -> c.log.add("waitClosed done=" + waiter[0].isDone())),
            Coros.run(() -> c.conn.writer().close()),
            Coros.await(() -> LoopTesting.any(waiter[0])),
            Coros.run(() -> c.log.add("waitClosed done=" + waiter[0].isDone()))),
        realTime());
    assertEquals(
        List.of(
            "e:one\n",
            "sockets=[]",
            "refused",
            "e:two\n",
            "waitClosed done=false",
            "waitClosed done=true"),
        c.log);
  }

  @Test
  void closeClientsEndsAcceptedConnections() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            startServer(c, IoCoros.echo(""), "127.0.0.1"),
            connect(c, "127.0.0.1"),
            Coros.run(() -> c.conn.writer().write(bytes("x\n"))),
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v))),
            Coros.run(
                () -> {
                  c.server.close();
                  c.server.closeClients();
                }),
            Coros.await(() -> c.server.waitClosed()),
            Coros.await(
                () -> c.conn.reader().read(10),
                v -> c.log.add("client got " + v.length + " eof=" + c.conn.reader().atEof()))),
        realTime());
    assertEquals(List.of("x\n", "client got 0 eof=true"), c.log);
  }

  @Test
  void abortClientsDropsTheConnectionsAtOnce() {
    Ctx c = new Ctx();
    StreamWriter[] serverWriter = new StreamWriter[1];
    ConnectionHandler h =
        (r, w) -> {
          serverWriter[0] = w;
          return IoCoros.echo("").handle(r, w);
        };
    Asyncio.run(
        Coros.steps(
            startServer(c, h, "127.0.0.1"),
            connect(c, "127.0.0.1"),
            Coros.run(() -> c.conn.writer().write(bytes("x\n"))),
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v))),
            Coros.run(
                () -> {
                  c.server.close();
                  c.server.abortClients();
                  serverWriter[0].write(bytes("dropped")); // no error: the data is dropped
                  c.log.add("closing=" + serverWriter[0].isClosing());
                }),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> serverWriter[0].drain(), v -> "drained"),
                        java.net.SocketException.class,
                        e -> "drain: " + e.getMessage()),
                v -> c.log.add(v)),
            Coros.await(() -> c.server.waitClosed()),
            Coros.await(() -> c.conn.reader().read(-1), v -> c.log.add("client got " + v.length))),
        realTime());
    assertEquals("x\n", c.log.get(0));
    assertEquals("closing=true", c.log.get(1));
    assertTrue(String.valueOf(c.log.get(2)).startsWith("drain: "), String.valueOf(c.log.get(2)));
    assertEquals("client got 0", c.log.get(3));
  }

  @Test
  void peerClosingMidReadGivesIncompleteReadErrorWithTheBytesReceived() {
    Ctx c = new Ctx();
    ConnectionHandler h =
        (r, w) ->
            Coros.tryCatch(
                () -> Coros.after(() -> r.readExactly(10), b -> c.log.add("full " + str(b))),
                IncompleteReadError.class,
                e -> c.log.add("partial " + str(e.partial()) + " of " + e.expected()));
    Asyncio.run(
        Coros.steps(
            startServer(c, h, "127.0.0.1"),
            connect(c, "127.0.0.1"),
            Coros.run(
                () -> {
                  c.conn.writer().write(bytes("abcd"));
                  c.conn.writer().close();
                }),
            Coros.await(() -> c.conn.writer().waitClosed()),
            Coros.run(() -> c.server.close()),
            Coros.await(() -> c.server.waitClosed())),
        realTime());
    assertEquals(List.of("partial abcd of 10"), c.log);
  }

  @Test
  void connectionResetDeliversBufferedBytesThenTheError() {
    Ctx c = new Ctx();
    ConnectionHandler h =
        (r, w) ->
            Coros.steps(
                Coros.await(() -> Asyncio.sleep(0.1)), // let the data and the reset arrive
                Coros.await(
                    () ->
                        Coros.tryCatch(
                            () -> Coros.after(() -> r.readExactly(100), b -> (Object) "full"),
                            IncompleteReadError.class,
                            e ->
                                "partial " + str(e.partial()) + " cause=" + (e.getCause() != null)),
                    v -> c.log.add(v)));
    Asyncio.run(
        Coros.steps(
            startServer(c, h, "127.0.0.1"),
            Coros.run(
                () -> {
                  // A plain blocking client that resets the connection (SO_LINGER 0).
                  try (SocketChannel s =
                      SocketChannel.open(new InetSocketAddress("127.0.0.1", c.port))) {
                    s.write(java.nio.ByteBuffer.wrap(bytes("xyz")));
                    s.setOption(StandardSocketOptions.SO_LINGER, 0);
                  }
                }),
            Coros.await(() -> Asyncio.sleep(0.3)),
            Coros.run(() -> c.server.close()),
            Coros.await(() -> c.server.waitClosed())),
        realTime());
    assertEquals(1, c.log.size(), c.log.toString());
    String s = (String) c.log.get(0);
    assertTrue(s.startsWith("partial xyz"), s);
  }

  @Test
  void aLineLongerThanTheServerLimitRaisesLimitOverrunErrorInTheHandler() {
    Ctx c = new Ctx();
    ConnectionHandler h =
        (r, w) ->
            Coros.tryCatch(
                () -> Coros.after(r::readLine, line -> (Object) ("line " + line.length)),
                LimitOverrunError.class,
                e -> {
                  w.write(bytes("too long\n"));
                  return "overrun " + e.consumed();
                });
    Asyncio.run(
        Coros.steps(
            Coros.await(
                () -> Asyncio.startServer(h, "127.0.0.1", 0, 16),
                s -> {
                  c.server = s;
                  c.port = s.sockets().get(0).getPort();
                }),
            connect(c, "127.0.0.1"),
            Coros.run(() -> c.conn.writer().write(bytes("0123456789abcdefghijklmnopqrstuvwxyz\n"))),
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v))),
            Coros.await(() -> c.conn.exitAsync(null)),
            Coros.await(() -> c.server.exitAsync(null))),
        realTime());
    assertEquals(List.of("too long\n"), c.log);
  }

  @Test
  void aHandlerThatThrowsWhenCalledIsReportedAndItsConnectionClosed() {
    Ctx c = new Ctx();
    LoopTesting.Reports reports = new LoopTesting.Reports();
    ConnectionHandler h =
        (r, w) -> {
          throw new IllegalArgumentException("bad handler");
        };
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> Asyncio.getRunningLoop().setExceptionHandler(reports)),
            startServer(c, h, "127.0.0.1"),
            connect(c, "127.0.0.1"),
            Coros.await(() -> c.conn.reader().read(-1), v -> c.log.add("eof " + v.length)),
            Coros.await(() -> c.server.exitAsync(null))),
        realTime());
    assertEquals(List.of("eof 0"), c.log);
    assertEquals(1, reports.size());
    assertEquals("bad handler", ((Throwable) reports.get(0).get("exception")).getMessage());
  }

  @Test
  void cancellingOpenConnectionLeavesNothingBehind() {
    // Connecting to loopback completes at once, so cancel before the connect starts and check
    // the task ends cancelled without a socket or a report.
    LoopTesting.Reports reports = new LoopTesting.Reports();
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> Asyncio.getRunningLoop().setExceptionHandler(reports)),
            startServer(c, IoCoros.echo(""), "127.0.0.1"),
            Coros.run(
                () -> {
                  c.task = Asyncio.createTask(Asyncio.openConnection("127.0.0.1", c.port));
                  c.task.cancel();
                }),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> LoopTesting.any(c.task), v -> "connected"),
                        CancelledError.class,
                        e -> "cancelled"),
                v -> c.log.add(v)),
            Coros.await(() -> c.server.exitAsync(null))),
        realTime());
    assertEquals(List.of("cancelled"), c.log);
    assertEquals(0, reports.size());
  }

  @Test
  void unixDomainSocketsCarryStreamsToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    java.nio.file.Path path = dir.resolve("echo.sock");
    // A stale socket file, as left by a server that did not clean up, is replaced.
    try (ServerSocketChannel stale =
        ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      stale.bind(java.net.UnixDomainSocketAddress.of(path));
    }
    assertTrue(java.nio.file.Files.exists(path));
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> Asyncio.startUnixServer(IoCoros.echo("u:"), path), x -> c.server = x),
            Coros.run(
                () -> {
                  c.log.add(c.server.sockets().size());
                  c.log.add(c.server.addresses().get(0));
                }),
            Coros.await(() -> Asyncio.openUnixConnection(path), x -> c.conn = x),
            Coros.run(() -> c.conn.writer().write(bytes("over unix\n"))),
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v))),
            Coros.await(() -> c.conn.exitAsync(null)),
            Coros.await(() -> c.server.exitAsync(null)),
            Coros.run(() -> c.log.add("file left=" + java.nio.file.Files.exists(path))),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> Asyncio.openUnixConnection(path), x -> "connected"),
                        ConnectException.class,
                        e -> "refused"),
                v -> c.log.add(v))),
        realTime());
    assertEquals(
        List.of(
            0,
            java.net.UnixDomainSocketAddress.of(path),
            "u:over unix\n",
            "file left=false",
            "refused"),
        c.log);
  }

  @Test
  void refusedConnectionRaisesConnectException() throws IOException {
    int port;
    try (ServerSocketChannel ss = ServerSocketChannel.open()) {
      ss.bind(new InetSocketAddress("127.0.0.1", 0));
      port = ((InetSocketAddress) ss.getLocalAddress()).getPort();
    }
    int p = port;
    assertThrows(
        ConnectException.class,
        () -> Asyncio.run(Asyncio.openConnection("127.0.0.1", p), realTime()));
  }

  @Test
  void extraInfoNamesBothEnds() {
    Ctx c = new Ctx();
    Object[] serverSide = new Object[2];
    ConnectionHandler h =
        (r, w) -> {
          serverSide[0] = w.getExtraInfo("peername");
          serverSide[1] = w.getExtraInfo("sockname");
          return Coroutine.done();
        };
    Asyncio.run(
        Coros.steps(
            startServer(c, h, "127.0.0.1"),
            connect(c, "127.0.0.1"),
            Coros.await(
                () -> c.conn.reader().read(-1)), // the server closes when its handler returns
            Coros.run(
                () -> {
                  c.log.add(c.conn.writer().getExtraInfo("sockname"));
                  c.log.add(c.conn.writer().getExtraInfo("peername"));
                  c.log.add(c.conn.writer().getExtraInfo("no such key", "default"));
                  assertInstanceOf(SocketChannel.class, c.conn.writer().getExtraInfo("socket"));
                }),
            Coros.await(() -> c.conn.exitAsync(null)),
            // Still known after close, as in Python.
            Coros.run(() -> c.log.add(c.conn.writer().getExtraInfo("peername"))),
            Coros.await(() -> c.server.exitAsync(null))),
        realTime());
    assertEquals(serverSide[0], c.log.get(0));
    assertEquals(c.log.get(1), c.log.get(3));
    assertEquals(serverSide[1], c.log.get(1));
    assertEquals(c.port, ((InetSocketAddress) serverSide[1]).getPort());
    assertEquals("default", c.log.get(2));
  }

  @Test
  void handlerExceptionIsReportedAndTheConnectionClosed() {
    Ctx c = new Ctx();
    IllegalStateException boom = new IllegalStateException("handler failed");
    LoopTesting.Reports reports = new LoopTesting.Reports();
    ConnectionHandler h = (r, w) -> Coros.sleepThenThrow(0.01, boom);
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> Asyncio.getRunningLoop().setExceptionHandler(reports)),
            startServer(c, h, "127.0.0.1"),
            connect(c, "127.0.0.1"),
            Coros.await(() -> c.conn.reader().read(-1), v -> c.log.add("eof " + v.length)),
            Coros.await(() -> c.server.exitAsync(null))),
        realTime());
    assertEquals(List.of("eof 0"), c.log);
    assertEquals(1, reports.size());
    Map<String, Object> ctx = reports.get(0);
    assertSame(boom, ctx.get("exception"));
    assertTrue(reports.message(0).contains("connection handler"), reports.message(0));
    assertNotNull(ctx.get("transport"));
  }

  @Test
  void ipv6LoopbackWorks() {
    assumeTrue(ipv6Available(), "no IPv6 loopback here");
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            startServer(c, IoCoros.echo("6:"), "::1"),
            connect(c, "::1"),
            Coros.run(() -> c.conn.writer().write(bytes("v6\n"))),
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v))),
            Coros.run(
                () ->
                    c.log.add(
                        ((InetSocketAddress) c.conn.writer().getExtraInfo("peername"))
                            .getAddress()
                            .getHostAddress())),
            Coros.await(() -> c.conn.exitAsync(null)),
            Coros.await(() -> c.server.exitAsync(null))),
        realTime());
    assertEquals("6:v6\n", c.log.get(0));
    assertTrue(String.valueOf(c.log.get(1)).contains(":"), String.valueOf(c.log.get(1)));
  }

  @Test
  void hostNamesAreResolvedOffTheLoop() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            startServer(c, IoCoros.echo("n:"), "localhost"),
            connect(c, "localhost"),
            Coros.run(() -> c.conn.writer().write(bytes("name\n"))),
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v))),
            Coros.run(
                () ->
                    c.log.add(
                        ((InetSocketAddress) c.conn.writer().getExtraInfo("peername"))
                            .getAddress()
                            .isLoopbackAddress())),
            Coros.await(() -> c.conn.exitAsync(null)),
            Coros.await(() -> c.server.exitAsync(null))),
        realTime());
    assertEquals(List.of("n:name\n", true), c.log);
  }

  @Test
  void serveForeverTwiceOrAfterCloseIsAnError() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            startServer(c, IoCoros.echo(""), "127.0.0.1"),
            Coros.run(() -> c.task = Asyncio.createTask(c.server.serveForever())),
            Coros.await(() -> Asyncio.sleep(0)),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> c.server.serveForever(), v -> "ok"),
                        IllegalStateException.class,
                        e -> "twice: " + e.getMessage()),
                v -> c.log.add(v)),
            Coros.run(() -> c.server.close()),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> LoopTesting.any(c.task), v -> "ok"),
                        CancelledError.class,
                        e -> "cancelled by close"),
                v -> c.log.add(v)),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> c.server.serveForever(), v -> "ok"),
                        IllegalStateException.class,
                        e -> "closed"),
                v -> c.log.add(v))),
        realTime());
    assertTrue(((String) c.log.get(0)).startsWith("twice: "), (String) c.log.get(0));
    assertEquals(List.of("cancelled by close", "closed"), c.log.subList(1, 3));
  }

  @Test
  void writeAfterCloseIsAnErrorAndDrainAfterResetRaises() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            startServer(c, (r, w) -> Coros.after(() -> r.read(-1), v -> v), "127.0.0.1"),
            connect(c, "127.0.0.1"),
            Coros.run(
                () -> {
                  c.conn.writer().close();
                  assertTrue(c.conn.writer().isClosing());
                  IllegalStateException e =
                      assertThrows(
                          IllegalStateException.class, () -> c.conn.writer().write(bytes("late")));
                  c.log.add(e.getMessage());
                }),
            Coros.await(() -> c.conn.writer().waitClosed()),
            Coros.await(() -> c.server.exitAsync(null))),
        realTime());
    assertTrue(((String) c.log.get(0)).contains("write() after close()"));
  }

  private static boolean ipv6Available() {
    try (ServerSocketChannel s = ServerSocketChannel.open()) {
      s.bind(new InetSocketAddress("::1", 0));
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
