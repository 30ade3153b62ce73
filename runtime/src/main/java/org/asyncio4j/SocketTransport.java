package org.asyncio4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connected TCP socket on the loop's selector, feeding a {@link StreamReader} and draining a
 * {@link StreamWriter}. Interest ops are kept minimal: {@code OP_READ} only while the reader wants
 * data, {@code OP_WRITE} only while the writer has buffered data, so an idle connection costs
 * nothing per loop iteration.
 *
 * <p>End of stream from the peer is a half-close: the reader sees EOF and the writer keeps working
 * until it is closed. The socket closes when the writer is closed and its buffer is sent, or at
 * once when the connection fails.
 */
final class SocketTransport implements IoHandler, Transport {
  private final EventLoop loop;
  private final SocketChannel ch;
  private final SelectionKey key;
  final StreamReader reader;
  final StreamWriter writer;
  private int interest = -1;
  private boolean closed;
  private boolean eofSent;
  private Runnable onClosed;

  /** The addresses, taken when connected so that they stay available after close (as Python's). */
  private final java.net.SocketAddress peername;

  private final java.net.SocketAddress sockname;

  SocketTransport(EventLoop loop, SocketChannel ch, int limit) throws IOException {
    this.loop = loop;
    this.ch = ch;
    ch.configureBlocking(false);
    try {
      ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // not essential
    }
    this.peername = ch.getRemoteAddress();
    this.sockname = ch.getLocalAddress();
    this.reader = new StreamReader(limit, this);
    this.writer = new StreamWriter(this, reader);
    this.key = ch.register(loop.selector(), 0, this);
    updateInterest();
  }

  /** Runs {@code r} once when the socket is closed (the server counts its connections). */
  void onClosed(Runnable r) {
    this.onClosed = r;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void onReady(SelectionKey k) {
    if (closed) {
      return;
    }
    if (k.isReadable()) {
      int n;
      try {
        n = reader.readFrom(ch);
      } catch (IOException e) {
        closeNow(e);
        return;
      }
      if (n < 0) {
        reader.feedEof();
      }
    }
    if (!closed && k.isValid() && k.isWritable()) {
      flush();
    }
    if (!closed) {
      updateInterest();
    }
  }

  private void flush() {
    int left;
    try {
      left = writer.flushTo(ch);
    } catch (IOException e) {
      closeNow(e);
      return;
    }
    if (left == 0) {
      afterFlushed();
    }
  }

  /** The write buffer is empty: carry out a pending close or EOF. */
  private void afterFlushed() {
    if (writer.isClosingRequested()) {
      closeNow(null);
    } else if (writer.isEofRequested() && !eofSent) {
      eofSent = true;
      try {
        ch.shutdownOutput();
      } catch (IOException e) {
        closeNow(e);
      }
    }
  }

  private void updateInterest() {
    if (closed) {
      return;
    }
    int ops =
        (reader.wantsData() ? SelectionKey.OP_READ : 0)
            | (writer.buffered() > 0 ? SelectionKey.OP_WRITE : 0);
    if (ops != interest) {
      interest = ops;
      try {
        key.interestOps(ops);
      } catch (java.nio.channels.CancelledKeyException e) {
        closeNow(null);
      }
    }
  }

  @Override
  public void readingChanged() {
    updateInterest();
  }

  @Override
  public void writerChanged() {
    if (closed) {
      if (writer.isClosingRequested()) {
        writer.markClosed();
      }
      return;
    }
    if (writer.buffered() == 0) {
      afterFlushed();
    }
    updateInterest();
  }

  @Override
  public int writeNow(byte[] b, int off, int len) throws IOException {
    if (closed) {
      return 0;
    }
    return ch.write(ByteBuffer.wrap(b, off, len));
  }

  @Override
  public boolean canWriteEof() {
    return true;
  }

  @Override
  public void abort() {
    closeNow(writer.lostError());
  }

  /**
   * Closes the socket now. With an error (the connection failed), the reader delivers what it
   * buffered and then that error, and drain() throws it; without, the reader sees EOF.
   */
  void closeNow(Throwable error) {
    if (closed) {
      return;
    }
    closed = true;
    key.cancel();
    try {
      ch.close();
    } catch (IOException e) {
      if (error == null) {
        error = e;
      }
    }
    if (error != null) {
      writer.connectionLost(error);
      reader.setException(error);
    } else if (!reader.atEof()) {
      reader.feedEof();
    }
    writer.markClosed();
    Runnable r = onClosed;
    if (r != null) {
      onClosed = null;
      r.run();
    }
  }

  @Override
  public Object extraInfo(String name) {
    switch (name) {
      case "peername":
        return peername;
      case "sockname":
        return sockname;
      case "socket":
        return ch;
      default:
        return null;
    }
  }

  EventLoop loop() {
    return loop;
  }

  @Override
  public String toString() {
    return "<SocketTransport "
        + extraInfo("sockname")
        + " -> "
        + extraInfo("peername")
        + (closed ? " closed" : "")
        + ">";
  }
}
