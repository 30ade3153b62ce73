package org.asyncio4j;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** The coroutines behind {@link Asyncio#openConnection} and {@link Asyncio#startServer}. */
final class Streams {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private Streams() {}

  static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range 0..65535: " + port);
    }
  }

  static void checkLimit(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be > 0 bytes, got " + limit);
    }
  }

  /** Whether {@code host} is an IP literal, which resolves without a (blocking) name lookup. */
  static boolean isLiteral(String host) {
    return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
  }

  static void closeQuietly(java.nio.channels.Channel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // nothing to report: the channel is being abandoned after an error
      }
    }
  }

  /** {@code openConnection}: resolve, try each address in turn, wrap the socket in streams. */
  static final class OpenConnection extends Coroutine<Connection> implements IoHandler {
    private final String host;
    private final int port;

    /** A Unix domain socket to connect to instead of host and port, or null. */
    private final Path unixPath;

    private final int limit;

    /** TLS: the context, or null for plain TCP. */
    private SSLContext ssl;

    private SocketTransport transport;
    private InetAddress[] addresses;
    private int next;
    private SocketChannel ch;
    private Future<Void> connected;
    private Throwable firstError;

    OpenConnection(String host, int port, int limit) {
      this.host = Objects.requireNonNull(host, "host");
      checkPort(port);
      checkLimit(limit);
      this.port = port;
      this.unixPath = null;
      this.limit = limit;
    }

    /** A TLS connection: the handshake is done when the coroutine completes. */
    OpenConnection(String host, int port, SSLContext ssl) {
      this(host, port, StreamReader.DEFAULT_LIMIT);
      this.ssl = Objects.requireNonNull(ssl, "ssl");
    }

    /** A connection to the Unix domain socket at {@code path}. */
    OpenConnection(Path path, int limit) {
      this.unixPath = Objects.requireNonNull(path, "path");
      checkLimit(limit);
      this.host = path.toString();
      this.port = -1;
      this.limit = limit;
    }

    @Override
    protected void resume() throws Throwable {
      for (; ; ) {
        switch (label) {
          case 0:
            if (unixPath != null || isLiteral(host)) {
              addresses = unixPath != null ? new InetAddress[1] : InetAddress.getAllByName(host);
              label = 2;
              continue;
            }
            if (!await(task.loop.runInExecutor(null, () -> InetAddress.getAllByName(host)), 1)) {
              return;
            }
            // fall through
          case 1:
            addresses = awaitResult();
            label = 2;
            continue;
          case 2:
            if (next >= addresses.length) {
              throw firstError != null
                  ? firstError
                  : new UnknownHostException("no address for " + host);
            }
            SocketAddress target =
                unixPath != null
                    ? UnixDomainSocketAddress.of(unixPath)
                    : new InetSocketAddress(addresses[next], port);
            next++;
            try {
              ch =
                  unixPath != null
                      ? SocketChannel.open(StandardProtocolFamily.UNIX)
                      : SocketChannel.open();
              ch.configureBlocking(false);
              if (ch.connect(target)) {
                label = 5;
                continue;
              }
              connected = new Future<>(task.loop);
              ch.register(task.loop.selector(), SelectionKey.OP_CONNECT, this);
            } catch (IOException e) {
              failed(asConnectException(e));
              continue;
            }
            if (!await(connected, 3)) {
              return;
            }
            // fall through
          case 3:
            try {
              awaitResult(IOException.class);
            } catch (CancelledError e) {
              closeQuietly(ch);
              throw e;
            } catch (IOException e) {
              failed(e);
              label = 2;
              continue;
            }
            label = 5;
            continue;
          case 5:
            try {
              transport = new SocketTransport(task.loop, ch, limit, ssl == null ? null : engine());
            } catch (IOException e) {
              failed(e);
              label = 2;
              continue;
            }
            if (transport.handshake() == null) {
              complete(new Connection(transport.reader, transport.writer));
              return;
            }
            if (!await(transport.handshake(), 4)) {
              return;
            }
            // fall through
          case 4:
            try {
              awaitResult(IOException.class);
            } catch (CancelledError e) {
              transport.abort();
              throw e;
            }
            complete(new Connection(transport.reader, transport.writer));
            return;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }

    private void failed(IOException e) {
      closeQuietly(ch);
      ch = null;
      if (firstError == null) {
        firstError = e;
      } else {
        firstError.addSuppressed(e);
      }
    }

    /** A client engine that checks the server's name, as Python's default context does. */
    private SSLEngine engine() {
      SSLEngine e = ssl.createSSLEngine(host, port);
      e.setUseClientMode(true);
      SSLParameters p = e.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      e.setSSLParameters(p);
      return e;
    }

    @Override
    public void onReady(SelectionKey key) {
      Future<Void> f = connected;
      if (f == null || f.isDone()) {
        key.interestOps(0);
        return;
      }
      try {
        if (ch.finishConnect()) {
          key.interestOps(0);
          f.setResult(null);
        }
      } catch (IOException e) {
        key.cancel();
        f.setException(asConnectException(e));
      }
    }

    /** A failed connect as a {@link ConnectException} (the OS may report a reset instead). */
    private IOException asConnectException(IOException e) {
      if (e instanceof ConnectException) {
        return e;
      }
      ConnectException c =
          new ConnectException(
              "cannot connect to "
                  + (unixPath != null ? "Unix socket " + host : host + " port " + port)
                  + ": "
                  + e.getMessage());
      c.initCause(e);
      return c;
    }

    @Override
    protected String describe() {
      return unixPath != null
          ? "openUnixConnection(" + host + ")"
          : "openConnection(" + host + ", " + port + ")";
    }
  }

  /** {@code startServer}: resolve, bind every address, start accepting. */
  static final class StartServer extends Coroutine<Server> {
    private final ConnectionHandler handler;
    private final String host;
    private final int port;

    /** A Unix domain socket to listen on instead of host and port, or null. */
    private final Path unixPath;

    private final int limit;

    /** TLS: the context, or null for plain TCP. */
    private SSLContext ssl;

    StartServer(ConnectionHandler handler, String host, int port, int limit) {
      this.handler = Objects.requireNonNull(handler, "handler");
      checkPort(port);
      checkLimit(limit);
      this.host = host;
      this.port = port;
      this.unixPath = null;
      this.limit = limit;
    }

    /** A TLS server: each handler starts once its connection's handshake is done. */
    StartServer(ConnectionHandler handler, String host, int port, SSLContext ssl) {
      this(handler, host, port, StreamReader.DEFAULT_LIMIT);
      this.ssl = Objects.requireNonNull(ssl, "ssl");
    }

    /** A server on the Unix domain socket at {@code path}. */
    StartServer(ConnectionHandler handler, Path path, int limit) {
      this.handler = Objects.requireNonNull(handler, "handler");
      this.unixPath = Objects.requireNonNull(path, "path");
      checkLimit(limit);
      this.host = path.toString();
      this.port = -1;
      this.limit = limit;
    }

    @Override
    protected void resume() throws Throwable {
      switch (label) {
        case 0:
          if (unixPath != null) {
            complete(Server.bindUnix(task.loop, handler, unixPath, limit));
            return;
          }
          if (host == null || host.isEmpty()) {
            complete(Server.bind(task.loop, handler, null, port, limit).tls(ssl));
            return;
          }
          if (isLiteral(host)) {
            complete(
                Server.bind(task.loop, handler, InetAddress.getAllByName(host), port, limit)
                    .tls(ssl));
            return;
          }
          if (!await(task.loop.runInExecutor(null, () -> InetAddress.getAllByName(host)), 1)) {
            return;
          }
          // fall through
        case 1:
          InetAddress[] addresses = awaitResult();
          complete(Server.bind(task.loop, handler, addresses, port, limit).tls(ssl));
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }

    @Override
    protected String describe() {
      return unixPath != null
          ? "startUnixServer(" + host + ")"
          : "startServer(" + host + ", " + port + ")";
    }
  }
}
