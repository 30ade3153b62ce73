package org.asyncio4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

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

  /** TLS: the engine, or null for plain TCP. */
  private final SSLEngine engine;

  private ByteBuffer netIn;
  private ByteBuffer netOut;
  private ByteBuffer appIn;
  private boolean netEof;
  private boolean handshaking;
  private boolean tlsClosing;
  private final Future<Void> handshake;

  SocketTransport(EventLoop loop, SocketChannel ch, int limit) throws IOException {
    this(loop, ch, limit, null);
  }

  /**
   * A connection over {@code ch}; with an {@code engine}, a TLS connection whose handshake starts
   * at once ({@link #handshake()} completes when it is done).
   */
  SocketTransport(EventLoop loop, SocketChannel ch, int limit, SSLEngine engine)
      throws IOException {
    this.loop = loop;
    this.engine = engine;
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
    if (engine == null) {
      this.handshake = null;
      updateInterest();
      return;
    }
    this.handshake = new Future<>(loop);
    SSLSession session = engine.getSession();
    netIn = ByteBuffer.allocate(session.getPacketBufferSize());
    netOut = ByteBuffer.allocate(session.getPacketBufferSize());
    appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
    handshaking = true;
    try {
      engine.beginHandshake();
    } catch (SSLException e) {
      closeNow(e);
      return;
    }
    tlsPump();
    updateInterest();
  }

  /** TLS: completes when the handshake is done, fails with its error; null for plain TCP. */
  Future<Void> handshake() {
    return handshake;
  }

  /** Runs {@code r} once when the socket is closed (the server counts its connections). */
  void onClosed(Runnable r) {
    this.onClosed = r;
  }

  boolean isClosed() {
    return closed;
  }

  /** Debug mode: the task waiting to read from this socket, else the one waiting to drain to it. */
  @Override
  public Task<?> resumes() {
    Task<?> t = reader.waitingTask();
    return t != null ? t : writer.drainingTask();
  }

  @Override
  public void onReady(SelectionKey k) {
    if (closed) {
      return;
    }
    if (engine != null) {
      tlsReady(k);
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
    if (engine != null) {
      return; // TLS closes through tlsPump (close_notify first)
    }
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
    int ops;
    if (engine == null) {
      ops =
          (reader.wantsData() ? SelectionKey.OP_READ : 0)
              | (writer.buffered() > 0 ? SelectionKey.OP_WRITE : 0);
    } else {
      ops =
          ((handshaking || reader.wantsData()) && !netEof ? SelectionKey.OP_READ : 0)
              | (netOut.position() > 0 ? SelectionKey.OP_WRITE : 0);
    }
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
    if (engine != null && !closed) {
      tlsPump(); // records already received may now be delivered
    }
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
    if (engine != null) {
      tlsPump();
      updateInterest();
      return;
    }
    if (writer.buffered() == 0) {
      afterFlushed();
    }
    updateInterest();
  }

  @Override
  public int writeNow(byte[] b, int off, int len) throws IOException {
    if (closed || engine != null) {
      return 0; // TLS: encrypted by tlsPump
    }
    return ch.write(ByteBuffer.wrap(b, off, len));
  }

  @Override
  public boolean canWriteEof() {
    return engine == null; // TLS has no half-close (as in Python)
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
    if (handshake != null && !handshake.isDone()) {
      handshake.setException(
          error != null
              ? error
              : new SSLException("the connection closed during the TLS handshake"));
    }
    Runnable r = onClosed;
    if (r != null) {
      onClosed = null;
      r.run();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // TLS: records between the socket and netIn/netOut, application data through the engine.

  private void tlsReady(SelectionKey k) {
    if (k.isReadable()) {
      try {
        if (ch.read(netIn) < 0) {
          netEof = true;
        }
      } catch (IOException e) {
        closeNow(e);
        return;
      }
    }
    tlsPump();
    if (!closed) {
      updateInterest();
    }
  }

  /**
   * Moves everything that can move now: handshake steps, received records to the reader, the
   * writer's bytes to records, records to the socket, and the closing sequence. Returns when
   * nothing more can progress without I/O.
   */
  private void tlsPump() {
    try {
      for (int guard = 0; guard < 100_000 && !closed; guard++) {
        if (netOut.position() > 0 && !flushNet()) {
          return; // the socket is full: OP_WRITE
        }
        SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
        switch (hs) {
          case NEED_TASK:
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
              task.run();
            }
            continue;
          case NEED_WRAP:
            if (wrap(EMPTY) || netOut.position() > 0) {
              continue;
            }
            return;
          case NEED_UNWRAP:
          case NEED_UNWRAP_AGAIN:
            if (tlsClosing && engine.isOutboundDone() && netOut.position() == 0) {
              closeNow(null); // our close_notify is sent: do not wait for the peer's
              return;
            }
            if (unwrap()) {
              continue;
            }
            if (netEof) {
              closeNow(new SSLException("the peer closed the connection during the TLS handshake"));
            }
            return;
          default:
            break;
        }
        if (handshaking) {
          handshaking = false;
          if (!handshake.isDone()) {
            handshake.setResult(null);
          }
        }
        boolean progress = false;
        if (reader.wantsData() && netIn.position() > 0 && !reader.eofReceived()) {
          progress = unwrap();
        }
        if (writer.buffered() > 0 && !tlsClosing) {
          int before = writer.buffered();
          writer.flushTo(wrapper);
          progress |= writer.buffered() != before;
        }
        if (progress) {
          continue;
        }
        if (netEof && !reader.eofReceived() && (netIn.position() == 0 || reader.wantsData())) {
          reader.feedEof(); // the peer closed without close_notify: treated as EOF
        }
        if (writer.isClosingRequested() && writer.buffered() == 0) {
          if (!tlsClosing) {
            tlsClosing = true;
            engine.closeOutbound(); // the next NEED_WRAP produces close_notify
            continue;
          }
          if (engine.isOutboundDone() && netOut.position() == 0) {
            closeNow(null);
          }
        }
        return;
      }
    } catch (IOException e) {
      closeNow(e);
    }
  }

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  /** Wraps {@code src} into netOut; returns whether anything was consumed or produced. */
  private boolean wrap(ByteBuffer src) throws IOException {
    SSLEngineResult r = engine.wrap(src, netOut);
    if (r.getStatus() == SSLEngineResult.Status.CLOSED && src.hasRemaining()) {
      throw new SSLException("cannot send: the TLS connection is closed");
    }
    if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
      if (netOut.position() == 0) {
        netOut = enlarge(netOut, engine.getSession().getPacketBufferSize());
        return true;
      }
      return false; // flush first
    }
    return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
  }

  /** Unwraps records from netIn, delivering application data; returns whether it progressed. */
  private boolean unwrap() throws IOException {
    netIn.flip();
    SSLEngineResult r;
    try {
      r = engine.unwrap(netIn, appIn);
    } finally {
      netIn.compact();
    }
    if (appIn.position() > 0) {
      appIn.flip();
      if (!reader.eofReceived()) {
        reader.feedData(appIn.array(), appIn.arrayOffset() + appIn.position(), appIn.remaining());
      }
      appIn.clear();
    }
    switch (r.getStatus()) {
      case BUFFER_UNDERFLOW:
        if (netIn.position() == netIn.capacity()) {
          netIn = enlarge(netIn, engine.getSession().getPacketBufferSize());
          return true;
        }
        return false; // wait for the rest of the record
      case BUFFER_OVERFLOW:
        appIn = enlarge(appIn, engine.getSession().getApplicationBufferSize());
        return true;
      case CLOSED:
        if (!reader.eofReceived()) {
          reader.feedEof(); // close_notify from the peer
        }
        netEof = true;
        return r.bytesConsumed() > 0;
      default:
        return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
    }
  }

  /** Writes netOut to the socket; returns whether it is now empty. */
  private boolean flushNet() throws IOException {
    netOut.flip();
    try {
      ch.write(netOut);
    } finally {
      netOut.compact();
    }
    return netOut.position() == 0;
  }

  private static ByteBuffer enlarge(ByteBuffer b, int atLeast) {
    ByteBuffer n = ByteBuffer.allocate(Math.max(atLeast, b.capacity() * 2));
    b.flip();
    n.put(b);
    return n;
  }

  /** The writer's flushTo target under TLS: encrypts into netOut, sending as it fills. */
  private final java.nio.channels.WritableByteChannel wrapper =
      new java.nio.channels.WritableByteChannel() {
        @Override
        public int write(ByteBuffer src) throws IOException {
          int start = src.position();
          while (src.hasRemaining()) {
            if (!wrap(src) && (netOut.position() == 0 || !flushNet())) {
              break; // the socket is full: the rest stays in the writer's buffer
            }
          }
          return src.position() - start;
        }

        @Override
        public boolean isOpen() {
          return !closed;
        }

        @Override
        public void close() {}
      };

  @Override
  public Object extraInfo(String name) {
    switch (name) {
      case "peername":
        return peername;
      case "sockname":
        return sockname;
      case "socket":
        return ch;
      case "sslsession":
        return engine != null ? engine.getSession() : null;
      case "cipher":
        return engine != null ? engine.getSession().getCipherSuite() : null;
      case "peercert":
        if (engine == null) {
          return null;
        }
        try {
          return engine.getSession().getPeerCertificates()[0];
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
          return null;
        }
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
