package org.asyncio4j;

import static org.asyncio4j.IoCoros.bytes;
import static org.asyncio4j.IoCoros.str;
import static org.asyncio4j.LoopTesting.realTime;
import static org.asyncio4j.LoopTesting.vt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** HttpSession against a local com.sun.net.httpserver server on 127.0.0.1 (port 0). */
@Timeout(30)
class HttpSessionTest {
  private HttpServer server;
  private ExecutorService pool;
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch slowStarted = new CountDownLatch(1);
  private String base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "test-http-server");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(pool);
    server.createContext("/hello", ex -> reply(ex, 200, "text/plain; charset=utf-8", "héllo"));
    server.createContext(
        "/echo",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          ex.getResponseHeaders().add("X-Method", ex.getRequestMethod());
          ex.getResponseHeaders()
              .add("X-Custom-Seen", String.valueOf(ex.getRequestHeaders().getFirst("X-Custom")));
          ex.getResponseHeaders()
              .add(
                  "X-Content-Type-Seen",
                  String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")));
          reply(ex, 201, "application/octet-stream", str(body));
        });
    server.createContext(
        "/slow",
        ex -> {
          slowStarted.countDown();
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          try {
            reply(ex, 200, "text/plain", "finally");
          } catch (IOException aborted) {
            // the client gave up
          }
        });
    server.createContext(
        "/big",
        ex -> {
          byte[] b = new byte[3 * 1024 * 1024];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i % 97);
          }
          ex.sendResponseHeaders(200, b.length);
          try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
          }
        });
    server.createContext("/", ex -> reply(ex, 404, "text/plain", "no such page"));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
    pool.shutdownNow();
  }

  private static void reply(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] b = bytes(body);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(b);
    }
  }

  private static final class Ctx {
    HttpSession session;
    HttpSession.Response response;
    final List<Object> log = new ArrayList<>();
  }

  @Test
  void get200WithTextHeadersAndBytes() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> c.session = new HttpSession(10)),
            Coros.await(() -> c.session.get(base + "/hello"), r -> c.response = r),
            Coros.run(
                () -> {
                  c.log.add(c.response.status());
                  c.log.add(c.response.ok());
                  c.log.add(c.response.header("content-type"));
                  c.log.add(c.response.headers().get("Content-Type"));
                }),
            Coros.await(() -> c.response.text(), t -> c.log.add(t)),
            Coros.await(() -> c.response.bytes(), b -> c.log.add(b.length)),
            Coros.await(() -> c.session.exitAsync(null), v -> c.log.add("suppress=" + v)),
            Coros.run(() -> c.log.add("closed=" + c.session.isClosed()))),
        realTime());
    assertEquals(
        List.of(
            200,
            true,
            "text/plain; charset=utf-8",
            List.of("text/plain; charset=utf-8"),
            "héllo",
            6,
            "suppress=false",
            "closed=true"),
        c.log);
  }

  @Test
  void asyncWithSessionAndResponseAsInAiohttp() {
    // async with aiohttp.ClientSession() as session:
    //     async with session.get(url) as response:
    //         return response.status, await response.text()
    HttpSession session = new HttpSession(10);
    HttpSession.Response[] r = new HttpSession.Response[1];
    String[] text = new String[1];
    Asyncio.run(
        Coros.asyncWith(
            session,
            () ->
                Coros.steps(
                    Coros.await(() -> session.get(base + "/hello"), x -> r[0] = x),
                    Coros.await(
                        () ->
                            Coros.asyncWith(
                                r[0], () -> Coros.after(() -> r[0].text(), t -> text[0] = t))))),
        realTime());
    assertEquals(200, r[0].status());
    assertEquals("héllo", text[0]);
    assertTrue(session.isClosed());
  }

  @Test
  void get404IsAResponseNotAnError() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> c.session = new HttpSession()),
            Coros.await(() -> c.session.get(base + "/missing"), r -> c.response = r),
            Coros.run(() -> c.log.add(c.response.status() + " ok=" + c.response.ok())),
            Coros.await(() -> c.response.text(), t -> c.log.add(t)),
            Coros.run(
                () -> {
                  HttpSession.ResponseError e =
                      assertThrows(HttpSession.ResponseError.class, c.response::raiseForStatus);
                  c.log.add(e.status() + " " + e.getMessage().startsWith("404 error for http"));
                })),
        realTime());
    assertEquals(List.of("404 ok=false", "no such page", "404 true"), c.log);
  }

  @Test
  void postSendsTheBodyAndSessionHeaders() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> c.session = new HttpSession(10).header("X-Custom", "yes")),
            Coros.await(() -> c.session.post(base + "/echo", "payload ✓"), r -> c.response = r),
            Coros.run(
                () -> {
                  c.log.add(c.response.status());
                  c.log.add(c.response.header("X-Method"));
                  c.log.add(c.response.header("X-Custom-Seen"));
                  c.log.add(c.response.header("X-Content-Type-Seen"));
                }),
            Coros.await(() -> c.response.text(), t -> c.log.add(t)),
            Coros.await(() -> c.session.post(base + "/echo", bytes("raw")), r -> c.response = r),
            Coros.await(
                () -> c.response.text(),
                t -> c.log.add(t + " " + c.response.header("X-Content-Type-Seen"))),
            Coros.await(
                () ->
                    c.session.request(
                        "PUT", base + "/echo", bytes("put"), Map.of("X-Custom", "per-request"), 5),
                r -> c.log.add(r.header("X-Method") + " " + r.header("X-Custom-Seen")))),
        realTime());
    assertEquals(
        List.of(
            201,
            "POST",
            "yes",
            "text/plain; charset=utf-8",
            "payload ✓",
            "raw application/octet-stream",
            "PUT per-request"),
        c.log);
  }

  @Test
  void perRequestTimeoutRaisesTimeoutError() {
    Ctx c = new Ctx();
    TimeoutError e =
        assertThrows(
            TimeoutError.class,
            () ->
                Asyncio.run(
                    Coros.after(() -> new HttpSession(10).get(base + "/slow", 0.2), r -> r),
                    realTime()));
    assertTrue(e.getMessage().contains("timed out after 0.2 seconds"), e.getMessage());
    assertTrue(c.log.isEmpty());
  }

  @Test
  void sessionTimeoutRaisesTimeoutError() {
    assertThrows(
        TimeoutError.class,
        () ->
            Asyncio.run(
                Coros.after(() -> new HttpSession(0.2).get(base + "/slow"), r -> r), realTime()));
  }

  @Test
  void durationTimeouts() {
    assertThrows(
        TimeoutError.class,
        () ->
            Asyncio.run(
                Coros.after(
                    () ->
                        new HttpSession((java.time.Duration) null)
                            .get(base + "/slow", java.time.Duration.ofMillis(200)),
                    r -> r),
                realTime()));
    assertThrows(
        TimeoutError.class,
        () ->
            Asyncio.run(
                Coros.after(
                    () ->
                        new HttpSession(java.time.Duration.ofMillis(200)).post(base + "/slow", "x"),
                    r -> r),
                realTime()));
  }

  @Test
  void timeoutAlsoWorksUnderVirtualTime() {
    // Virtual time stands still while the request is pending; the HTTP client's own (real-time)
    // timeout still ends it.
    assertThrows(
        TimeoutError.class,
        () ->
            Asyncio.run(Coros.after(() -> new HttpSession(0.2).get(base + "/slow"), r -> r), vt()));
  }

  @Test
  void cancellingTheTaskAbortsTheRequest() throws InterruptedException {
    Ctx c = new Ctx();
    Task<?>[] t = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> t[0] = Asyncio.createTask(new HttpSession(20).get(base + "/slow"))),
            Coros.await(
                () -> Asyncio.toThread(() -> slowStarted.await(10, TimeUnit.SECONDS)),
                v -> c.log.add("started " + v)),
            Coros.run(() -> t[0].cancel()),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> LoopTesting.any(t[0]), v -> "completed"),
                        CancelledError.class,
                        e -> "cancelled"),
                v -> c.log.add(v))),
        realTime());
    assertEquals(List.of("started true", "cancelled"), c.log);
  }

  @Test
  void refusedConnectionSurfacesConnectException() throws IOException {
    int port;
    try (ServerSocketChannel ss = ServerSocketChannel.open()) {
      ss.bind(new InetSocketAddress("127.0.0.1", 0));
      port = ((InetSocketAddress) ss.getLocalAddress()).getPort();
    }
    String url = "http://127.0.0.1:" + port + "/";
    Throwable e =
        assertThrows(
            Throwable.class,
            () -> Asyncio.run(Coros.after(() -> new HttpSession(10).get(url), r -> r), realTime()));
    Throwable x = e;
    while (x != null && !(x instanceof ConnectException)) {
      x = x.getCause();
    }
    assertInstanceOf(ConnectException.class, x, () -> "not a ConnectException: " + e);
  }

  @Test
  void largeBodiesArrive() {
    byte[][] body = new byte[1][];
    HttpSession.Response[] r = new HttpSession.Response[1];
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> new HttpSession(20).get(base + "/big"), x -> r[0] = x),
            Coros.await(() -> r[0].bytes(), b -> body[0] = b)),
        realTime());
    assertEquals(3 * 1024 * 1024, body[0].length);
    assertEquals((byte) (12345 % 97), body[0][12345]);
  }

  /** The threads of JDK HttpClients (named HttpClient-N-SelectorManager) alive now. */
  private static java.util.Set<Thread> clientThreads() {
    java.util.Set<Thread> out = new java.util.HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager")) {
        out.add(t);
      }
    }
    return out;
  }

  @Test
  void closingTheSessionAbortsRequestsStillRunningAndClosesItsClient() {
    HttpSession session = new HttpSession(10);
    java.util.Set<Thread> before = clientThreads();
    List<Object> log = new ArrayList<>();
    java.util.Set<Thread> ours = new java.util.HashSet<>();
    Task<?>[] slow = new Task<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.run(() -> slow[0] = Asyncio.createTask(session.get(base + "/slow"))),
            Coros.await(
                () ->
                    Asyncio.toThread(
                        () -> {
                          assertTrue(slowStarted.await(20, TimeUnit.SECONDS));
                          return null;
                        })),
            Coros.run(
                () -> {
                  ours.addAll(clientThreads());
                  ours.removeAll(before);
                }),
            Coros.await(() -> session.closeAsync(), v -> log.add("closed " + session.isClosed())),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> LoopTesting.any(slow[0]), v -> "returned " + v),
                        Throwable.class,
                        e -> e.getClass().getName() + ": " + e.getMessage()),
                v -> log.add(v)),
            Coros.await(() -> session.closeAsync(), v -> log.add("closed again")),
            Coros.await(() -> session.exitAsync(null), v -> log.add("exit suppresses " + v))),
        realTime());
    assertEquals(
        List.of(
            "closed true",
            "java.io.IOException: GET "
                + base
                + "/slow: the HttpSession was closed while the request was running",
            "closed again",
            "exit suppresses false"),
        log);
    assertEquals(1, ours.size(), "the session's client thread: " + ours);
    if (Runtime.version().feature() >= 21) {
      // HttpClient is AutoCloseable: close() has returned, so its selector thread has ended.
      assertFalse(ours.iterator().next().isAlive(), ours.toString());
    }
  }

  @Test
  void aClientPassedInIsNotClosedWithTheSession() throws Exception {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    HttpSession session = new HttpSession(client, 10);
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> session.get(base + "/hello")),
            Coros.await(() -> session.exitAsync(null))),
        realTime());
    assertTrue(session.isClosed());
    java.net.http.HttpResponse<String> r =
        client.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/hello")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
  }

  @Test
  void aClosedSessionRefusesNewRequestsAndArgumentsAreChecked() {
    HttpSession s = new HttpSession(1);
    Asyncio.run(Coros.after(() -> s.closeAsync(), v -> v), realTime());
    assertTrue(s.isClosed());
    assertThrows(IllegalStateException.class, () -> s.get(base + "/hello"));
    assertThrows(IllegalArgumentException.class, () -> new HttpSession(0));
    assertThrows(IllegalArgumentException.class, () -> new HttpSession(Double.NaN));
    assertThrows(
        IllegalArgumentException.class, () -> new HttpSession(1).get("not a url with spaces"));
    assertFalse(new HttpSession().isClosed());
    assertEquals(HttpSession.DEFAULT_TIMEOUT, new HttpSession().getTimeout());
  }
}
