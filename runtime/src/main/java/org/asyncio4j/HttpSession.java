package org.asyncio4j;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP client session in the style of aiohttp's {@code ClientSession}, on the JDK's {@link
 * HttpClient}: requests run on the client's threads and their results are delivered on the loop
 * thread, so awaiting a request never blocks the loop.
 *
 * <pre>{@code
 * try (HttpSession session = new HttpSession(10)) {            // in an @Async method
 *   HttpSession.Response r = Await.of(session.get(url));
 *   String body = Await.of(r.text());
 * }
 * }</pre>
 *
 * <p>Timeouts cover the whole request (connecting, sending, receiving the response and its body)
 * and raise {@link TimeoutError}: the session's timeout (aiohttp's default total timeout of 300
 * seconds unless given), or a per-request one. Cancelling the awaiting task aborts the request. A
 * refused connection raises {@link java.net.ConnectException}. The body is read completely before
 * the request completes, so {@link Response#text()} and {@link Response#bytes()} never wait.
 *
 * <p>A session follows redirects and speaks HTTP/1.1 unless built from a client of your own ({@link
 * #HttpSession(HttpClient, double)}).
 */
public final class HttpSession implements AsyncCloseable {
  /** aiohttp's default total timeout, in seconds. */
  public static final double DEFAULT_TIMEOUT = 300;

  /** The client; built on first use, on the executor (building one loads TLS: ~100 ms). */
  private HttpClient client;

  private final HttpClient.Builder builder;
  private final boolean ownClient;
  private final double timeout;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private boolean closed;
  /** Requests sent and not answered yet (loop thread only): closing the session aborts them. */
  private final java.util.Set<Request> inFlight = new java.util.LinkedHashSet<>();
  /** The job closing the session's own client, once a close has run on a loop; else null. */
  private Future<Object> closing;

  /** A session with the default timeout of 300 seconds per request. */
  public HttpSession() {
    this(DEFAULT_TIMEOUT);
  }

  /**
   * A session whose requests time out after {@code timeoutSeconds} ({@code
   * Double.POSITIVE_INFINITY}: never).
   */
  public HttpSession(double timeoutSeconds) {
    this(null, timeoutSeconds);
  }

  /** {@link #HttpSession(double)} with a {@link Duration}; null means no timeout. */
  public HttpSession(Duration timeout) {
    this(null, toSeconds(timeout));
  }

  /**
   * A session sending its requests through {@code client} (null: a new client that follows
   * redirects and speaks HTTP/1.1). A client passed in is not shut down by closing the session.
   */
  public HttpSession(HttpClient client, double timeoutSeconds) {
    checkTimeout(timeoutSeconds);
    this.timeout = timeoutSeconds;
    this.ownClient = client == null;
    if (client == null) {
      HttpClient.Builder b =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NORMAL)
              .version(HttpClient.Version.HTTP_1_1);
      if (timeoutSeconds != Double.POSITIVE_INFINITY) {
        b.connectTimeout(duration(timeoutSeconds));
      }
      this.builder = b;
    } else {
      this.builder = null;
      this.client = client;
    }
  }

  /** The client if it is built, else null. */
  private synchronized HttpClient peekClient() {
    return client;
  }

  /** The client, built now if needed (on the executor: it blocks while TLS initializes). */
  private synchronized HttpClient clientNow() {
    if (client == null) {
      if (closed) {
        throw new IllegalStateException("this HttpSession is closed: create a new session");
      }
      client = builder.build();
    }
    return client;
  }

  /** Adds a header sent with every request of this session; returns this session. */
  public HttpSession header(String name, String value) {
    headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** The session's timeout in seconds. */
  public double getTimeout() {
    return timeout;
  }

  /** {@code GET url}. */
  public Coroutine<Response> get(String url) {
    return request("GET", url, null, null, timeout);
  }

  /** {@code GET url} with its own timeout in seconds (instead of the session's). */
  public Coroutine<Response> get(String url, double timeoutSeconds) {
    return request("GET", url, null, null, timeoutSeconds);
  }

  /** {@link #get(String, double)} with a {@link Duration}; null means no timeout. */
  public Coroutine<Response> get(String url, Duration timeout) {
    return request("GET", url, null, null, toSeconds(timeout));
  }

  /** {@code POST url} with {@code body} encoded as UTF-8. */
  public Coroutine<Response> post(String url, String body) {
    return send("POST", url, utf8(body), TEXT, null, timeout);
  }

  /** {@code POST url} with its own timeout in seconds. */
  public Coroutine<Response> post(String url, String body, double timeoutSeconds) {
    return send("POST", url, utf8(body), TEXT, null, timeoutSeconds);
  }

  /** {@link #post(String, String, double)} with a {@link Duration}; null means no timeout. */
  public Coroutine<Response> post(String url, String body, Duration timeout) {
    return send("POST", url, utf8(body), TEXT, null, toSeconds(timeout));
  }

  /** {@code POST url} with a binary body. */
  public Coroutine<Response> post(String url, byte[] body) {
    return send("POST", url, Objects.requireNonNull(body, "body"), BINARY, null, timeout);
  }

  /**
   * Any request: {@code method} ({@code "GET"}, {@code "PUT"}, ...), an optional body and headers
   * (added to the session's), and a timeout in seconds.
   */
  public Coroutine<Response> request(
      String method, String url, byte[] body, Map<String, String> headers, double timeoutSeconds) {
    return send(method, url, body, BINARY, headers, timeoutSeconds);
  }

  /**
   * Builds and sends a request; a body gets {@code contentType} unless the session's or the
   * request's headers set one (aiohttp sends {@code text/plain; charset=utf-8} for a string and
   * {@code application/octet-stream} for bytes).
   */
  private Coroutine<Response> send(
      String method,
      String url,
      byte[] body,
      String contentType,
      Map<String, String> headers,
      double timeoutSeconds) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    checkTimeout(timeoutSeconds);
    if (closed) {
      throw new IllegalStateException("this HttpSession is closed: create a new session");
    }
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(url));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid URL '" + url + "': " + e.getMessage(), e);
    }
    b.method(
        method.toUpperCase(Locale.ROOT),
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body.clone()));
    for (Map.Entry<String, String> h : this.headers.entrySet()) {
      b.setHeader(h.getKey(), h.getValue());
    }
    if (headers != null) {
      for (Map.Entry<String, String> h : headers.entrySet()) {
        b.setHeader(h.getKey(), h.getValue());
      }
    }
    if (body != null
        && !hasHeader(this.headers, "Content-Type")
        && !hasHeader(headers, "Content-Type")) {
      b.setHeader("Content-Type", contentType);
    }
    if (timeoutSeconds != Double.POSITIVE_INFINITY) {
      b.timeout(duration(timeoutSeconds));
    }
    return new Request(b.build(), timeoutSeconds);
  }

  /** Whether the session is closed. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the session (aiohttp's {@code await session.close()}): at once, no new request may
   * start and the requests still running are aborted (each fails with an {@link
   * java.io.IOException} saying the session was closed); the returned coroutine completes when the
   * session's own client is closed: on JDK 21+, where {@link HttpClient} is {@link AutoCloseable},
   * its {@code close()} runs on the executor (its threads have ended when it returns); on JDK 17
   * the session drops its reference (the client's thread ends once it is unreachable). A client
   * passed to the constructor is left open. Idempotent: every call completes once the client is
   * closed.
   */
  public Coroutine<Void> closeAsync() {
    markClosed();
    return new Close<>(null);
  }

  /** No new request, requests running aborted. */
  private void markClosed() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    for (Request r : inFlight.toArray(new Request[0])) {
      r.abortByClose();
    }
    inFlight.clear();
  }

  /**
   * The job closing the session's own client, started by the first close that runs on a loop; a
   * completed future when there is nothing to close.
   */
  private Future<Object> closeClient(EventLoop loop) {
    if (closing != null) {
      return closing;
    }
    HttpClient c;
    synchronized (this) {
      c = ownClient ? client : null;
      if (ownClient) {
        client = null; // released: on JDK 17 this is what lets its thread end
      }
    }
    if (c instanceof AutoCloseable) { // JDK 21+
      AutoCloseable closeable = (AutoCloseable) c;
      closing =
          loop.runInExecutor(
              null,
              () -> {
                closeable.close(); // waits until the client's threads have ended
                return null;
              });
    } else {
      closing = loop.createFuture();
      closing.setResult(null);
    }
    return closing;
  }

  /** The coroutine of {@link #closeAsync()} and {@link #exitAsync}: awaits the client's close. */
  private final class Close<T> extends Coroutine<T> {
    private final T value;

    Close(T value) {
      this.value = value;
    }

    @Override
    protected void resume() throws Throwable {
      switch (label) {
        case 0:
          // A shield: cancelling this close leaves the client's close running.
          if (!await(Shield.shield(closeClient(task.loop)), 1)) {
            return;
          }
          // fall through
        case 1:
          awaitResult();
          complete(value);
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }

    @Override
    protected String describe() {
      return "HttpSession.closeAsync()";
    }
  }

  /** Python's {@code async with session}: completes with the session. */
  @Override
  public Awaitable<?> enterAsync() {
    return Coroutine.of(this);
  }

  /** Closes the session ({@link #closeAsync()}). Never suppresses. */
  @Override
  public Awaitable<Boolean> exitAsync(Throwable error) {
    markClosed();
    return new Close<>(false);
  }

  private static void checkTimeout(double t) {
    if (!(t > 0)) {
      throw new IllegalArgumentException(
          "HTTP timeout must be > 0 seconds (Double.POSITIVE_INFINITY for none), got " + t);
    }
  }

  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String BINARY = "application/octet-stream";

  private static boolean hasHeader(Map<String, String> headers, String name) {
    if (headers != null) {
      for (String k : headers.keySet()) {
        if (k.equalsIgnoreCase(name)) {
          return true;
        }
      }
    }
    return false;
  }

  private static double toSeconds(Duration d) {
    return d == null ? Double.POSITIVE_INFINITY : Asyncio.seconds(d);
  }

  private static Duration duration(double seconds) {
    return Duration.ofNanos((long) Math.min(Long.MAX_VALUE, Math.ceil(seconds * 1e9)));
  }

  private static byte[] utf8(String s) {
    return Objects.requireNonNull(s, "body").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "<HttpSession timeout=" + timeout + (closed ? " closed" : "") + ">";
  }

  /** The coroutine of one request: sends it, waits on the loop, applies the timeout. */
  private final class Request extends Coroutine<Response> implements Runnable {
    private final HttpRequest request;
    private final double timeoutSeconds;
    private Future<HttpResponse<byte[]>> pending;
    private TimerHandle timer;
    private boolean timedOut;
    private boolean abortedByClose;

    Request(HttpRequest request, double timeoutSeconds) {
      this.request = request;
      this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            if (closed) {
              throw new IllegalStateException("this HttpSession is closed: create a new session");
            }
            if (peekClient() == null) {
              if (!await(task.loop.runInExecutor(null, HttpSession.this::clientNow), 2)) {
                return;
              }
              continue;
            }
            label = 3;
            continue;
          case 2:
            awaitResult();
            label = 3;
            continue;
          case 3:
            if (closed) {
              throw new IllegalStateException("this HttpSession is closed: create a new session");
            }
            pending =
                StageFuture.wrap(
                    task.loop,
                    peekClient().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
            if (timeoutSeconds != Double.POSITIVE_INFINITY) {
              timer = task.loop.callLater(timeoutSeconds, this);
            }
            inFlight.add(this);
            if (!await(pending, 1)) {
              return;
            }
            continue;
          case 1:
            HttpResponse<byte[]> r;
            try {
              r = awaitResult();
            } catch (CancelledError e) {
              if (timedOut) {
                throw timeoutError(e);
              }
              if (abortedByClose) {
                java.io.IOException closedError =
                    new java.io.IOException(
                        request.method()
                            + " "
                            + request.uri()
                            + ": the HttpSession was closed while the request was running");
                closedError.initCause(e);
                throw Coroutine.<RuntimeException>sneakyThrow(closedError);
              }
              throw e;
            } catch (RuntimeException e) {
              throw e;
            } catch (Throwable e) {
              if (e instanceof HttpTimeoutException) {
                throw timeoutError(e);
              }
              throw Coroutine.<RuntimeException>sneakyThrow(e);
            } finally {
              inFlight.remove(this);
              if (timer != null) {
                timer.cancel();
              }
            }
            complete(new Response(r));
            return;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }

    private TimeoutError timeoutError(Throwable cause) {
      return new TimeoutError(
          request.method()
              + " "
              + request.uri()
              + " timed out after "
              + timeoutSeconds
              + " seconds (pass a larger timeout to the session or the request)",
          cause);
    }

    /** The session is closing: abort the request (it fails with an IOException). */
    void abortByClose() {
      if (!pending.isDone()) {
        abortedByClose = true;
        pending.cancel();
      }
    }

    /** The timeout expired: abort the request. */
    @Override
    public void run() {
      if (!pending.isDone()) {
        timedOut = true;
        pending.cancel();
      }
    }

    @Override
    protected String describe() {
      return "HttpSession." + request.method().toLowerCase(Locale.ROOT) + "(" + request.uri() + ")";
    }
  }

  /**
   * A response whose status is an error (400 or more), raised by {@link Response#raiseForStatus()}:
   * aiohttp's {@code ClientResponseError}. An {@link java.io.IOException}, like every other client
   * error of a request.
   */
  public static final class ResponseError extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    private final transient Response response;

    ResponseError(Response response) {
      super(response.status() + " error for " + response.url());
      this.response = response;
    }

    /** The status code. */
    public int status() {
      return response.status();
    }

    /** The response (its body is available). */
    public Response response() {
      return response;
    }
  }

  /**
   * A response: status, headers and the (already received) body. It is {@link AsyncCloseable} so
   * that aiohttp's {@code async with session.get(url) as response:} ports as {@code try
   * (HttpSession.Response response = Await.of(session.get(url))) { ... }}; since the body is
   * already read, entering and exiting do nothing else.
   */
  public static final class Response implements AsyncCloseable {
    private final HttpResponse<byte[]> response;

    Response(HttpResponse<byte[]> response) {
      this.response = response;
    }

    /** The status code: 200, 404, ... */
    public int status() {
      return response.statusCode();
    }

    /** Whether the status is below 400 (aiohttp's {@code ok}). */
    public boolean ok() {
      return response.statusCode() < 400;
    }

    /**
     * Throws {@link ResponseError} if the status is 400 or more: aiohttp's {@code
     * raise_for_status()}.
     */
    public Response raiseForStatus() throws ResponseError {
      if (response.statusCode() >= 400) {
        throw new ResponseError(this);
      }
      return this;
    }

    /** The response headers (names are case-insensitive). */
    public Map<String, List<String>> headers() {
      return response.headers().map();
    }

    /** The first value of header {@code name} (case-insensitive), or null. */
    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    /** The URL of the response (after redirects). */
    public URI url() {
      return response.uri();
    }

    /** The body decoded with the charset of its {@code Content-Type} (UTF-8 if none). */
    public Coroutine<String> text() {
      return Coroutine.of(new String(response.body(), charset(response.headers())));
    }

    /** The body as bytes (a copy). */
    public Coroutine<byte[]> bytes() {
      byte[] b = response.body();
      return Coroutine.of(Arrays.copyOf(b, b.length));
    }

    private static Charset charset(HttpHeaders headers) {
      String ct = headers.firstValue("content-type").orElse("");
      for (String part : ct.split(";")) {
        String p = part.trim();
        if (p.regionMatches(true, 0, "charset=", 0, 8)) {
          String name = p.substring(8).trim().replace("\"", "");
          try {
            return Charset.forName(name);
          } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
          }
        }
      }
      return StandardCharsets.UTF_8;
    }

    /** Python's {@code async with response}: completes with the response. */
    @Override
    public Awaitable<?> enterAsync() {
      return Coroutine.of(this);
    }

    /** Nothing to release (the body is already read). Never suppresses. */
    @Override
    public Awaitable<Boolean> exitAsync(Throwable error) {
      return LoopBound.FALSE;
    }

    @Override
    public String toString() {
      return "<Response " + response.statusCode() + " " + response.uri() + ">";
    }
  }
}
