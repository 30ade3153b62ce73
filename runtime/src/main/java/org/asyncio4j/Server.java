package org.asyncio4j;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * A TCP server started by {@link Asyncio#startServer}: Python's {@code asyncio.Server}. It accepts
 * connections from the moment it is started; each connection runs the handler's coroutine as a new
 * task, with the connection's {@link StreamReader} and {@link StreamWriter}.
 *
 * <p>When a handler's coroutine finishes (returns, fails or is cancelled) its connection is closed
 * after the buffered data is sent; an exception from a handler goes to the loop's exception
 * handler. {@link #close()} stops accepting; as in Python 3.12+, {@link #waitClosed()} also waits
 * for the connections already accepted to close ({@link #closeClients()} closes them). {@code try
 * (server) { ... }} in an {@code @Async} method closes and waits on exit.
 */
public final class Server implements AsyncCloseable {
  private static final int BACKLOG = 100;
  private static final int ACCEPTS_PER_EVENT = 100;

  private final EventLoop loop;
  private final ConnectionHandler handler;
  private final int limit;
  private final List<Listener> listeners = new ArrayList<>();
  private final Set<SocketTransport> connections = new LinkedHashSet<>();

  /** The handler task of each connection whose handler is still running. */
  private final Map<SocketTransport, Task<?>> handlers = new HashMap<>();

  private final ArrayDeque<Future<Void>> closeWaiters = new ArrayDeque<>(1);
  private boolean closed;

  /** TLS: the context of the accepted connections, or null for plain TCP. */
  private SSLContext ssl;

  private Future<Void> servingForever;

  /** Set when close() (not a cancellation of the serving task) ended serveForever(). */
  private boolean servingEndedByClose;

  private Server(EventLoop loop, ConnectionHandler handler, int limit) {
    this.loop = loop;
    this.handler = handler;
    this.limit = limit;
  }

  /** Binds one listening socket per address (all interfaces if null) and starts accepting. */
  static Server bind(
      EventLoop loop, ConnectionHandler handler, InetAddress[] addresses, int port, int limit)
      throws IOException {
    Server s = new Server(loop, handler, limit);
    try {
      if (addresses == null) {
        s.listen(new InetSocketAddress(port));
      } else {
        int p = port;
        for (InetAddress a : addresses) {
          InetSocketAddress bound;
          try {
            bound = s.listen(new InetSocketAddress(a, p));
          } catch (BindException e) {
            if (port != 0 || p == 0) {
              throw e;
            }
            bound = s.listen(new InetSocketAddress(a, 0));
          }
          if (p == 0) {
            p = bound.getPort(); // port 0 with several addresses: the same port on each if free
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /**
   * Binds a Unix domain socket at {@code path} (a stale socket file left there is removed first;
   * the file is removed again when the server closes, as in Python 3.13) and starts accepting.
   */
  static Server bindUnix(EventLoop loop, ConnectionHandler handler, Path path, int limit)
      throws IOException {
    Server s = new Server(loop, handler, limit);
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
        && Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
            .isOther()) {
      Files.delete(path); // a socket file left by an earlier server
    }
    try {
      s.listen(UnixDomainSocketAddress.of(path));
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  private InetSocketAddress listen(InetSocketAddress address) throws IOException {
    return (InetSocketAddress) listen((SocketAddress) address);
  }

  private SocketAddress listen(SocketAddress address) throws IOException {
    boolean unix = address instanceof UnixDomainSocketAddress;
    ServerSocketChannel ssc =
        unix ? ServerSocketChannel.open(StandardProtocolFamily.UNIX) : ServerSocketChannel.open();
    try {
      if (!unix) {
        ssc.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      }
      ssc.bind(address, BACKLOG);
      ssc.configureBlocking(false);
      Listener l = new Listener(ssc);
      l.unixPath = unix ? ((UnixDomainSocketAddress) address).getPath() : null;
      l.key = ssc.register(loop.selector(), SelectionKey.OP_ACCEPT, l);
      listeners.add(l);
      return ssc.getLocalAddress();
    } catch (IOException | RuntimeException e) {
      Streams.closeQuietly(ssc);
      throw e;
    }
  }

  /** Makes the accepted connections TLS connections (null: plain TCP); returns this server. */
  Server tls(SSLContext ssl) {
    this.ssl = ssl;
    return this;
  }

  /** The loop the server runs on. */
  public EventLoop getLoop() {
    return loop;
  }

  /**
   * The addresses of the listening TCP sockets (use {@code sockets().get(0).getPort()} to learn the
   * port picked for port 0); empty once the server is closed, and for a Unix domain socket server
   * (see {@link #addresses()}).
   */
  public List<InetSocketAddress> sockets() {
    List<InetSocketAddress> r = new ArrayList<>(listeners.size());
    for (SocketAddress a : addresses()) {
      if (a instanceof InetSocketAddress) {
        r.add((InetSocketAddress) a);
      }
    }
    return Collections.unmodifiableList(r);
  }

  /**
   * The addresses of all the listening sockets: {@link InetSocketAddress}es, or the {@link
   * UnixDomainSocketAddress} of a server started by {@link Asyncio#startUnixServer}; empty once the
   * server is closed.
   */
  public List<SocketAddress> addresses() {
    List<SocketAddress> r = new ArrayList<>(listeners.size());
    for (Listener l : listeners) {
      try {
        r.add(l.ssc.getLocalAddress());
      } catch (IOException e) {
        // closed meanwhile: not listed
      }
    }
    return Collections.unmodifiableList(r);
  }

  /** Whether the server accepts connections (started and not closed). */
  public boolean isServing() {
    return !closed;
  }

  /**
   * Stops accepting: closes the listening sockets. Connections already accepted keep running.
   * Cancels a pending {@link #serveForever()}. Idempotent.
   */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Listener l : listeners) {
      l.key.cancel();
      Streams.closeQuietly(l.ssc);
      if (l.unixPath != null) {
        try {
          Files.deleteIfExists(l.unixPath);
        } catch (IOException e) {
          loop.callExceptionHandler(
              EventLoop.context("cannot remove the socket file " + l.unixPath, e));
        }
      }
    }
    listeners.clear();
    Future<Void> f = servingForever;
    if (f != null && !f.isDone()) {
      servingEndedByClose = true;
      f.cancel();
    }
    checkClosed();
  }

  private void cancelHandlers() {
    for (Task<?> t : new ArrayList<>(handlers.values())) {
      t.cancel();
    }
  }

  /** Closes every accepted connection, after sending what their writers buffered. */
  public void closeClients() {
    for (SocketTransport t : new ArrayList<>(connections)) {
      t.writer.close();
    }
  }

  /** Closes every accepted connection at once, dropping buffered data. */
  public void abortClients() {
    for (SocketTransport t : new ArrayList<>(connections)) {
      t.abort();
    }
  }

  /** Waits until the server is closed and every connection it accepted is closed too. */
  public Coroutine<Void> waitClosed() {
    if (closed && connections.isEmpty()) {
      return Coroutine.done();
    }
    return new IoWait<>(closeWaiters, () -> closed && connections.isEmpty(), "Server.waitClosed()");
  }

  /**
   * Accepts connections until cancelled. Cancelling it closes the server, cancels the connection
   * handlers still running (each connection closes when its handler ends) and waits for the
   * connections to close before the {@link CancelledError} propagates. Python only waits, so a
   * Ctrl-C hangs there while clients stay connected; asyncio4j shuts them down instead. {@link
   * #close()} also ends a pending {@code serveForever()} with a {@link CancelledError}, but keeps
   * the connections running (as Python does).
   *
   * @throws IllegalStateException if the server is closed or already serving forever
   */
  public Coroutine<Void> serveForever() {
    return new ServeForever();
  }

  /** Python's {@code async with server}: completes with the server. */
  @Override
  public Awaitable<?> enterAsync() {
    return Coroutine.of(this);
  }

  /** Closes the server and waits until it and its connections are closed. Never suppresses. */
  @Override
  public Awaitable<Boolean> exitAsync(Throwable error) {
    close();
    return new IoWait<>(
        closeWaiters, () -> closed && connections.isEmpty(), "Server.exitAsync()", false);
  }

  private void checkClosed() {
    if (closed && connections.isEmpty()) {
      IoWait.wakeAll(closeWaiters);
    }
  }

  private void accepted(SocketChannel ch) {
    SocketTransport t;
    try {
      SSLEngine engine = null;
      if (ssl != null) {
        engine = ssl.createSSLEngine();
        engine.setUseClientMode(false);
      }
      t = new SocketTransport(loop, ch, limit, engine);
    } catch (IOException | RuntimeException e) {
      Streams.closeQuietly(ch);
      loop.callExceptionHandler(EventLoop.context("error setting up an accepted connection", e));
      return;
    }
    connections.add(t);
    t.onClosed(
        () -> {
          connections.remove(t);
          checkClosed();
        });
    if (t.isClosed()) {
      connections.remove(t); // failed while starting (TLS): nothing to serve
      return;
    }
    Future<Void> handshake = t.handshake();
    if (handshake == null) {
      startHandler(t);
    } else {
      // TLS: the handler starts once the handshake is done; a failed handshake just closes.
      handshake.addDoneCallback(
          f -> {
            if (!f.isCancelled() && f.exception() == null && !t.isClosed()) {
              startHandler(t);
            }
          });
    }
  }

  private void startHandler(SocketTransport t) {
    Coroutine<?> c;
    try {
      c = handler.handle(t.reader, t.writer);
      if (c == null) {
        throw new NullPointerException(
            "the connection handler returned null instead of a coroutine");
      }
    } catch (Throwable e) {
      report(e, t);
      t.writer.close();
      return;
    }
    Task<?> task = loop.createTask(c);
    handlers.put(t, task);
    task.addDoneCallback(
        f -> {
          handlers.remove(t);
          if (!f.isCancelled() && f.exception() != null) {
            report(f.exception(), t);
          }
          t.writer.close();
        });
  }

  private void report(Throwable e, SocketTransport t) {
    Map<String, Object> ctx =
        EventLoop.context(
            "Unhandled exception in the connection handler of "
                + this
                + " (the connection is"
                + " closed)",
            e);
    ctx.put("transport", t);
    loop.callExceptionHandler(ctx);
  }

  @Override
  public String toString() {
    return "<Server sockets="
        + sockets()
        + (closed ? " closed" : "")
        + " connections="
        + connections.size()
        + ">";
  }

  /** One listening socket. */
  private final class Listener implements IoHandler {
    final ServerSocketChannel ssc;
    SelectionKey key;

    /** The socket file of a Unix domain socket, removed on close. */
    Path unixPath;

    Listener(ServerSocketChannel ssc) {
      this.ssc = ssc;
    }

    @Override
    public void onReady(SelectionKey k) {
      for (int i = 0; i < ACCEPTS_PER_EVENT && !closed; i++) {
        SocketChannel ch;
        try {
          ch = ssc.accept();
        } catch (IOException e) {
          loop.callExceptionHandler(
              EventLoop.context("error accepting a connection on " + Server.this, e));
          return;
        }
        if (ch == null) {
          return;
        }
        accepted(ch);
      }
    }

    @Override
    public String toString() {
      Object address;
      try {
        address = unixPath != null ? unixPath : ssc.getLocalAddress();
      } catch (IOException | RuntimeException e) {
        address = "closed";
      }
      return "<Server listener " + address + ">";
    }
  }

  /** The coroutine of {@link #serveForever()}. */
  private final class ServeForever extends Coroutine<Void> {
    private Throwable cancelled;

    @Override
    protected void resume() throws Throwable {
      switch (label) {
        case 0:
          if (closed) {
            throw new IllegalStateException("serveForever(): " + Server.this + " is closed");
          }
          if (servingForever != null) {
            throw new IllegalStateException(
                "serveForever(): " + Server.this + " is already being served by another task");
          }
          servingForever = new Future<>(task.loop);
          if (!await(servingForever, 1)) {
            return;
          }
          // fall through
        case 1:
          try {
            awaitResult();
          } catch (CancelledError e) {
            cancelled = e;
            servingForever = null;
            boolean byClose = servingEndedByClose;
            close();
            if (!byClose) {
              cancelHandlers();
            }
            if (!await(waitClosed(), 2)) {
              return;
            }
          } finally {
            servingForever = null;
          }
          // fall through
        case 2:
          if (label == 2) {
            awaitResult();
          }
          if (cancelled != null) {
            throw cancelled;
          }
          complete(null);
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }

    @Override
    protected String describe() {
      return "Server.serveForever()";
    }
  }
}
