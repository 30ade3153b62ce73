package org.asyncio4j;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The writing half of a connection: Python's {@code asyncio.StreamWriter}.
 *
 * <p>{@link #write(byte[])} is not a coroutine: it sends what the connection accepts at once and
 * buffers the rest, without limit. Flow control is {@code writer.write(data);
 * Await.of(writer.drain());}: {@link #drain()} waits while more than the high-water mark (64 KiB)
 * is buffered, until the buffer is down to the low-water mark (16 KiB), so a slow peer slows the
 * writer down. {@link #close()} sends what is buffered, then closes; {@link #waitClosed()} waits
 * for that. {@code try (writer) { ... }} in an {@code @Async} method closes and waits on exit.
 *
 * <p>If the connection fails (reset by the peer), data still buffered is dropped, later writes are
 * dropped too, and {@link #drain()} throws the error.
 */
public final class StreamWriter implements AsyncCloseable {
  /** drain() waits while more than this many bytes are buffered. */
  static final int HIGH_WATER = 64 * 1024;

  /** ... until the buffer is down to this many bytes. */
  static final int LOW_WATER = 16 * 1024;

  private static final byte[] EMPTY = new byte[0];

  private final Transport transport;
  private final StreamReader reader;
  private byte[] buf = EMPTY;
  private int start;
  private int end;
  private ByteBuffer view;
  private boolean paused;
  private boolean closing;
  private boolean eofRequested;
  private boolean closed;
  private Throwable lost;
  private final ArrayDeque<Future<Void>> drainWaiters = new ArrayDeque<>(1);
  private final ArrayDeque<Future<Void>> closeWaiters = new ArrayDeque<>(1);

  /** Debug reports: the first task waiting in {@link #drain()}, or null. */
  Task<?> drainingTask() {
    for (Future<Void> f : drainWaiters) {
      Task<?> t = f.isDone() ? null : f.firstWaitingTask();
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  StreamWriter(Transport transport, StreamReader reader) {
    this.transport = transport;
    this.reader = reader;
  }

  /**
   * Sends {@code data}: writes what the connection accepts now and buffers the rest (a copy is
   * kept: the array may be reused after the call). Follow with {@code Await.of(drain())} to apply
   * back-pressure.
   *
   * @throws IllegalStateException after {@link #close()} or {@link #writeEof()}
   */
  public void write(byte[] data) {
    write(data, 0, data.length);
  }

  /** Sends {@code data[off, off+len)}; see {@link #write(byte[])}. */
  public void write(byte[] data, int off, int len) {
    Objects.checkFromIndexSize(off, len, data.length);
    if (closing) {
      throw new IllegalStateException(
          "write() after close(): this StreamWriter is closing, the data cannot be sent");
    }
    if (eofRequested) {
      throw new IllegalStateException(
          "write() after writeEof(): the write side of the connection has been shut down");
    }
    if (lost != null || closed || len == 0) {
      return; // the connection failed or was aborted: drain() reports it
    }
    if (end == start) {
      int n;
      try {
        n = transport.writeNow(data, off, len);
      } catch (IOException e) {
        connectionLost(e);
        transport.abort();
        return;
      }
      off += n;
      len -= n;
      if (len == 0) {
        return;
      }
    }
    append(data, off, len);
    if (end - start > HIGH_WATER) {
      paused = true;
    }
    transport.writerChanged();
  }

  /** Sends each array in turn: Python's {@code writelines}; see {@link #write(byte[])}. */
  public void writeLines(Iterable<byte[]> data) {
    for (byte[] b : data) {
      write(b);
    }
  }

  /** Sends {@code text} encoded as UTF-8; see {@link #write(byte[])}. */
  public void write(String text) {
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@link #writeEof()} is supported (sockets and pipes: yes). */
  public boolean canWriteEof() {
    return transport.canWriteEof();
  }

  /**
   * Closes the write side once the buffered data is sent (TCP half-close: the peer reads EOF and
   * can still send to us).
   */
  public void writeEof() {
    if (closing || eofRequested) {
      return;
    }
    if (!transport.canWriteEof()) {
      throw new UnsupportedOperationException("this transport cannot send EOF");
    }
    eofRequested = true;
    transport.writerChanged();
  }

  /**
   * Waits until the buffer is small enough to write more: at once unless more than 64 KiB is
   * buffered, otherwise until it is down to 16 KiB. Throws the connection's error if it failed (or
   * failed while waiting), and a {@link SocketException} once the connection is closed.
   */
  public Coroutine<Void> drain() {
    if (reader != null && reader.exception() != null) {
      throw Coroutine.<RuntimeException>sneakyThrow(reader.exception());
    }
    if (lost != null) {
      throw Coroutine.<RuntimeException>sneakyThrow(lost);
    }
    if (closed) {
      throw Coroutine.<RuntimeException>sneakyThrow(
          new SocketException("drain(): the connection is closed (Python's 'Connection lost')"));
    }
    if (!paused) {
      return Coroutine.done();
    }
    return new IoWait<>(drainWaiters, this::drained, "StreamWriter.drain()");
  }

  private boolean drained() throws SocketException {
    if (lost != null) {
      throw Coroutine.<RuntimeException>sneakyThrow(lost);
    }
    if (closed) {
      throw new SocketException("drain(): the connection was closed with data still buffered");
    }
    return !paused;
  }

  /**
   * Closes the stream (and the connection) after sending what is buffered. Idempotent; reads of the
   * connection's reader then see the end of the stream once its buffer is consumed.
   */
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    transport.writerChanged();
  }

  /** Whether {@link #close()} was called or the connection is closed. */
  public boolean isClosing() {
    return closing || closed;
  }

  /** Waits until the connection is closed (after {@link #close()}, or when it fails). */
  public Coroutine<Void> waitClosed() {
    if (closed) {
      return Coroutine.done();
    }
    return new IoWait<>(closeWaiters, () -> closed, "StreamWriter.waitClosed()");
  }

  /**
   * Information about the connection, Python's {@code get_extra_info}: {@code "peername"} and
   * {@code "sockname"} (an {@link java.net.InetSocketAddress}), {@code "socket"} (the channel); for
   * a subprocess pipe, {@code "pid"}. Null for an unknown name.
   */
  public Object getExtraInfo(String name) {
    return transport.extraInfo(name);
  }

  /** {@link #getExtraInfo(String)} with a default for unknown names. */
  public Object getExtraInfo(String name, Object defaultValue) {
    Object v = transport.extraInfo(name);
    return v != null ? v : defaultValue;
  }

  /** Python's {@code async with writer}: completes with the writer itself. */
  @Override
  public Awaitable<?> enterAsync() {
    return Coroutine.of(this);
  }

  /** Closes the writer and waits until the connection is closed. Never suppresses. */
  @Override
  public Awaitable<Boolean> exitAsync(Throwable error) {
    close();
    if (closed) {
      return LoopBound.FALSE;
    }
    return new IoWait<>(closeWaiters, () -> closed, "StreamWriter.exitAsync()", false);
  }

  // ---------------------------------------------------------------------------------------------
  // The transport's side.

  int buffered() {
    return end - start;
  }

  /** The error the connection failed with, or null. */
  Throwable lostError() {
    return lost;
  }

  boolean isClosingRequested() {
    return closing;
  }

  boolean isEofRequested() {
    return eofRequested;
  }

  /** Writes buffered data to {@code ch} until it would block; returns the number of bytes left. */
  int flushTo(WritableByteChannel ch) throws IOException {
    if (end == start) {
      return 0;
    }
    ByteBuffer v = view;
    v.limit(end).position(start);
    int n = ch.write(v);
    consumed(n);
    return end - start;
  }

  /** The transport sent {@code n} buffered bytes. */
  void consumed(int n) {
    start += n;
    if (start == end) {
      start = 0;
      end = 0;
    }
    if (paused && end - start <= LOW_WATER) {
      paused = false;
      IoWait.wakeAll(drainWaiters);
    }
  }

  /** A copy of up to {@code max} buffered bytes, for a transport writing on another thread. */
  byte[] peek(int max) {
    int n = Math.min(max, end - start);
    byte[] r = new byte[n];
    System.arraycopy(buf, start, r, 0, n);
    return r;
  }

  /** The connection failed: buffered data is dropped, drain() throws {@code e}. */
  void connectionLost(Throwable e) {
    if (lost == null && !closed) {
      lost = e;
    }
    start = 0;
    end = 0;
    paused = false;
    IoWait.wakeAll(drainWaiters);
  }

  /** The connection is closed. */
  void markClosed() {
    closed = true;
    start = 0;
    end = 0;
    IoWait.wakeAll(drainWaiters);
    IoWait.wakeAll(closeWaiters);
  }

  private void append(byte[] data, int off, int len) {
    if (buf.length - end < len) {
      int size = end - start;
      if (buf.length - size >= len && start > 0) {
        System.arraycopy(buf, start, buf, 0, size);
      } else {
        int cap = Math.max(1024, buf.length);
        while (cap - size < len) {
          cap = Math.multiplyExact(cap, 2);
        }
        byte[] nb = new byte[cap];
        System.arraycopy(buf, start, nb, 0, size);
        buf = nb;
        view = ByteBuffer.wrap(nb);
      }
      start = 0;
      end = size;
    }
    System.arraycopy(data, off, buf, end, len);
    end += len;
  }

  @Override
  public String toString() {
    return "<StreamWriter buffered="
        + (end - start)
        + (closing ? " closing" : "")
        + (closed ? " closed" : "")
        + (lost != null ? " lost=" + lost : "")
        + ">";
  }
}
