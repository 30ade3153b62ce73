package org.asyncio4j.examples;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small web site on 127.0.0.1 (a free port, the JDK's {@link HttpServer}, daemon threads) so
 * that the ports of the tutorials' HTTP programs work offline: with no URL arguments they start
 * {@link #demo()} and fetch its pages instead of the tutorials' real URLs. Pages have a status
 * and a body, can be slow, and are counted when hit; the tests use the same class.
 *
 * <p>The demo site ({@link #demoBody} gives the pages' text):
 * <ul>
 *   <li>{@code /}: the home page, linking to {@code /about} and {@code /missing} (relative
 *       links) and to {@code /blog} and {@code /error} (absolute links);
 *   <li>{@code /about}: links back home, to the blog, and to an external site
 *       ({@code https://www.python.org/}, which a same-domain crawler does not follow);
 *   <li>{@code /blog}: links to {@code /blog/first-post} and home;
 *   <li>{@code /blog/first-post}: links back to the blog;
 *   <li>{@code /slow}: answers after {@link #SLOW_MILLIS} ms (longer than the examples' 2 s
 *       timeouts);
 *   <li>{@code /error}: always HTTP 500;
 *   <li>anything else: HTTP 404.
 * </ul>
 */
final class LocalSite implements AutoCloseable {
  /** How long {@code /slow} takes to answer on the demo site, in milliseconds. */
  static final long SLOW_MILLIS = 2500;

  /** The demo site's pages that answer 200 right away. */
  static final List<String> DEMO_PAGES = List.of("/", "/about", "/blog", "/blog/first-post");

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
    Thread t = new Thread(r, "local-site");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Deque<Page>> pages = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  private record Page(int status, String body, long delayMillis) {}

  /** An empty site (every path answers 404) on a free port of 127.0.0.1. */
  LocalSite() {
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
      try {
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(page.status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      } catch (IOException e) {
        // the client gave up (a timeout)
      } finally {
        exchange.close();
      }
    });
    server.setExecutor(pool);
    server.start();
  }

  /** Starts the demo site. */
  static LocalSite demo() {
    LocalSite site = new LocalSite();
    String origin = site.url("");
    for (String path : DEMO_PAGES) {
      site.page(path, demoBody(origin, path));
    }
    site.slowPage("/slow", SLOW_MILLIS, demoBody(origin, "/slow"));
    site.page("/error", 500, demoBody(origin, "/error"));
    return site;
  }

  /**
   * Starts the demo site for an example run without URL arguments, saying so on {@code
   * System.out}.
   */
  static LocalSite startForExample() {
    LocalSite site = demo();
    System.out.println("Using the local site at " + site.url("")
        + " (URL arguments fetch real pages instead)");
    return site;
  }

  /** The text of the demo site's page at {@code path}, the site being at {@code origin}. */
  static String demoBody(String origin, String path) {
    return switch (path) {
      case "/" -> html("Home", "<p>Welcome to the asyncio4j examples' local site.</p>\n"
          + "<ul>\n"
          + "<li><a href=\"/about\">About</a></li>\n"
          + "<li><a href=\"" + origin + "/blog\">Blog</a></li>\n"
          + "<li><a href=\"" + origin + "/error\">A failing page</a></li>\n"
          + "<li><a href=\"/missing\">A missing page</a></li>\n"
          + "</ul>");
      case "/about" -> html("About", "<p>A small site served from 127.0.0.1 so that the"
          + " examples work offline.</p>\n"
          + "<p><a href=\"/\">Home</a> | <a href=\"" + origin + "/blog\">Blog</a> |"
          + " <a href=\"https://www.python.org/\">Python</a></p>");
      case "/blog" -> html("Blog", "<ul>\n"
          + "<li><a href=\"" + origin + "/blog/first-post\">First post</a></li>\n"
          + "</ul>\n"
          + "<p><a href=\"/\">Home</a></p>");
      case "/blog/first-post" -> html("First post", "<p>Hello, async world!</p>\n"
          + "<p><a href=\"/blog\">Back to the blog</a></p>");
      case "/slow" -> html("Slow", "<p>Sorry for the wait.</p>");
      case "/error" -> html("Error", "<p>Something went wrong.</p>");
      default -> throw new IllegalArgumentException("no demo page " + path);
    };
  }

  private static String html(String title, String body) {
    return "<!DOCTYPE html>\n<html>\n<head><title>" + title + "</title></head>\n<body>\n<h1>"
        + title + "</h1>\n" + body + "\n</body>\n</html>\n";
  }

  /** Serves {@code body} at {@code path} with status 200. */
  LocalSite page(String path, String body) {
    return page(path, 200, body);
  }

  /**
   * Serves {@code body} at {@code path} with {@code status}. Several bodies for one path are
   * served in turn, the last one from then on.
   */
  LocalSite page(String path, int status, String body) {
    pages.computeIfAbsent(path, p -> new ArrayDeque<>()).add(new Page(status, body, 0));
    return this;
  }

  /** Answers {@code path} only after {@code delayMillis}. */
  LocalSite slowPage(String path, long delayMillis, String body) {
    pages.computeIfAbsent(path, p -> new ArrayDeque<>()).add(new Page(200, body, delayMillis));
    return this;
  }

  /** The body served first at {@code path}. */
  String body(String path) {
    return pages.get(path).peek().body;
  }

  /** The URL of {@code path} on this site ({@code ""}: the origin, without a slash). */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The URLs of {@code paths} on this site. */
  List<String> urls(String... paths) {
    List<String> urls = new ArrayList<>();
    for (String path : paths) {
      urls.add(url(path));
    }
    return urls;
  }

  /** How many requests {@code path} has had. */
  int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  /**
   * A URL on a port nobody listens on, so connecting is refused: the port stays bound (by a
   * socket that never listens) until this site closes, so nothing else can take it meanwhile.
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

  /** Stops the site. */
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
