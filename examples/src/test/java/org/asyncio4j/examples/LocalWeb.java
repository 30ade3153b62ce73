package org.asyncio4j.examples;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small web site on 127.0.0.1 for the ports of the tutorials' HTTP programs, which must not
 * depend on the internet: pages with a status and a body, optionally slow, and hit counters.
 */
final class LocalWeb implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private final Map<String, Deque<Page>> pages = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  private record Page(int status, String body, long delayMillis) {}

  LocalWeb() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      Deque<Page> q = pages.get(path);
      Page page;
      synchronized (this) {
        page = q == null ? new Page(404, "not found", 0) : q.size() > 1 ? q.poll() : q.peek();
      }
      if (page.delayMillis > 0) {
        try {
          Thread.sleep(page.delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = page.body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(page.status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      } catch (IOException e) {
        // the client gave up (a timeout)
      }
    });
    server.setExecutor(pool);
    server.start();
  }

  /** Serves {@code body} at {@code path} with status 200. */
  LocalWeb page(String path, String body) {
    return page(path, 200, body);
  }

  /** Serves {@code body} at {@code path} with {@code status}. */
  LocalWeb page(String path, int status, String body) {
    pages.computeIfAbsent(path, p -> new ArrayDeque<>()).add(new Page(status, body, 0));
    return this;
  }

  /** Answers {@code path} only after {@code delayMillis}. */
  LocalWeb slowPage(String path, long delayMillis, String body) {
    pages.computeIfAbsent(path, p -> new ArrayDeque<>()).add(new Page(200, body, delayMillis));
    return this;
  }

  /** The body served first at {@code path}. */
  String body(String path) {
    return pages.get(path).peek().body;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  /**
   * A URL on a port nobody listens on, so connecting is refused: the port stays bound (by a
   * socket that never listens) until this site closes, so no other test can take it meanwhile.
   */
  String refusedUrl(String path) {
    try {
      Socket holder = new Socket();
      holder.bind(new InetSocketAddress("127.0.0.1", 0));
      held.add(holder);
      return "http://127.0.0.1:" + holder.getLocalPort() + path;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (Socket s : held) {
      try {
        s.close();
      } catch (IOException e) {
        // nothing to release
      }
    }
    server.stop(0);
    pool.shutdownNow();
  }
}
