package org.asyncio4j.bench.echo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.function.IntConsumer;

/**
 * The plain {@code java.nio} echo server of the benchmark, the practical floor: one thread, one
 * {@link Selector}, non-blocking channels; each connection reads into its own 64 KiB buffer and
 * writes it back, waiting for {@code OP_WRITE} (and not reading) while a write is incomplete.
 */
public final class NioEchoServer {
  private NioEchoServer() {}

  /**
   * Listens on 127.0.0.1:{@code port} (0: an ephemeral port), tells {@code listening} the port and
   * serves on the calling thread until it is interrupted or an I/O error stops the selector.
   */
  static void serve(int port, IntConsumer listening) throws IOException {
    try (Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
      listening.accept(((InetSocketAddress) server.getLocalAddress()).getPort());
      while (!Thread.currentThread().isInterrupted()) {
        selector.select();
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            accept(server, selector);
          } else {
            serviceConnection(key);
          }
        }
      }
    }
  }

  private static void accept(ServerSocketChannel server, Selector selector) throws IOException {
    SocketChannel ch;
    while ((ch = server.accept()) != null) {
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ch.register(selector, SelectionKey.OP_READ, ByteBuffer.allocateDirect(64 * 1024));
    }
  }

  private static void serviceConnection(SelectionKey key) {
    SocketChannel ch = (SocketChannel) key.channel();
    ByteBuffer buf = (ByteBuffer) key.attachment();
    try {
      if (key.isWritable()) {
        ch.write(buf);
        if (buf.hasRemaining()) {
          return;
        }
        buf.clear();
        key.interestOps(SelectionKey.OP_READ);
        return;
      }
      int n = ch.read(buf);
      if (n < 0) {
        key.cancel();
        ch.close();
        return;
      }
      buf.flip();
      ch.write(buf);
      if (buf.hasRemaining()) {
        key.interestOps(SelectionKey.OP_WRITE);
      } else {
        buf.clear();
      }
    } catch (IOException e) {
      key.cancel();
      try {
        ch.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }
}
