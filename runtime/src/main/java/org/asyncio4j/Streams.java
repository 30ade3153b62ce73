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
                complete(connection());
                return;
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
            try {
              complete(connection());
            } catch (IOException e) {
              failed(e);
              label = 2;
              continue;
            }
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

    private Connection connection() throws IOException {
      SocketTransport t = new SocketTransport(task.loop, ch, limit);
      return new Connection(t.reader, t.writer);
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

    StartServer(ConnectionHandler handler, String host, int port, int limit) {
      this.handler = Objects.requireNonNull(handler, "handler");
      checkPort(port);
      checkLimit(limit);
      this.host = host;
      this.port = port;
      this.unixPath = null;
      this.limit = limit;
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
            complete(Server.bind(task.loop, handler, null, port, limit));
            return;
          }
          if (isLiteral(host)) {
            complete(Server.bind(task.loop, handler, InetAddress.getAllByName(host), port, limit));
            return;
          }
          if (!await(task.loop.runInExecutor(null, () -> InetAddress.getAllByName(host)), 1)) {
            return;
          }
          // fall through
        case 1:
          InetAddress[] addresses = awaitResult();
          complete(Server.bind(task.loop, handler, addresses, port, limit));
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
