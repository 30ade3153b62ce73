package org.asyncio4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * The reading half of a connection: Python's {@code asyncio.StreamReader}. Bytes received from the
 * peer are buffered; the read methods return coroutines that complete as soon as the buffer can
 * satisfy them (without suspending when it already can).
 *
 * <p>The buffer has a limit (64 KiB by default): a {@link #readLine()} or {@link
 * #readUntil(byte[])} whose separator is not within the limit fails with {@link LimitOverrunError},
 * and the connection stops reading from the network while more than twice the limit is buffered and
 * no read is waiting (back-pressure towards the peer).
 *
 * <p>Only one read may wait at a time (a second concurrent read is an {@link
 * IllegalStateException}, as in Python). When the connection fails (reset by the peer), the bytes
 * already received are still delivered first; then reads throw that error ({@link
 * #readExactly(int)} and {@link #readUntil(byte[])} throw {@link IncompleteReadError} with the
 * partial data and that error as the cause).
 *
 * <p>{@code for (byte[] line : Await.each(reader)) { ... }} iterates over the lines until the end
 * of the stream, as Python's {@code async for line in reader}.
 *
 * <p>Like everything on the loop, a reader is used from the loop's thread only.
 */
public final class StreamReader implements AsyncIterable<byte[]> {
  /** The default buffer limit: 64 KiB, as in Python. */
  public static final int DEFAULT_LIMIT = 1 << 16;

  private static final byte[] EMPTY = new byte[0];
  private static final byte[] NEWLINE = {'\n'};
  private static final int READ_CHUNK = 1 << 16;

  private final int limit;
  private byte[] buf = EMPTY;
  private int start;
  private int end;
  private ByteBuffer view;
  private boolean eof;
  private Throwable error;
  private Future<Void> waiter;
  private String waitingOp;

  /** The connection feeding this reader, or null for a reader fed by hand. */
  Transport transport;

  private boolean wanted = true;

  /** A reader fed by hand ({@link #feedData}, {@link #feedEof}) with the default limit. */
  public StreamReader() {
    this(DEFAULT_LIMIT);
  }

  /** A reader fed by hand with a buffer limit of {@code limit} bytes. */
  public StreamReader(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("StreamReader limit must be > 0, got " + limit);
    }
    this.limit = limit;
  }

  StreamReader(int limit, Transport transport) {
    this(limit);
    this.transport = transport;
  }

  /** The buffer limit in bytes. */
  public int getLimit() {
    return limit;
  }

  // ---------------------------------------------------------------------------------------------
  // Reads.

  /**
   * Reads up to {@code n} bytes: completes as soon as at least one byte is available, with what is
   * buffered (at most {@code n}), or with an empty array at the end of the stream. {@code n = -1}
   * reads until the end of the stream and returns everything; {@code n = 0} returns an empty array
   * at once.
   */
  public Coroutine<byte[]> read(int n) {
    if (n < -1) {
      throw new IllegalArgumentException("read(n): n must be >= -1 (-1 reads to EOF), got " + n);
    }
    if (n == 0) {
      return Coroutine.of(EMPTY);
    }
    return new ReadOp(n < 0 ? ReadOp.ALL : ReadOp.SOME, n, null);
  }

  /** {@link #read(int) read(-1)}: everything until the end of the stream. */
  public Coroutine<byte[]> read() {
    return read(-1);
  }

  /**
   * Reads one line, up to and including {@code '\n'}. At the end of the stream, returns the partial
   * last line (without newline), then empty arrays. A line longer than the limit fails with {@link
   * LimitOverrunError} after discarding the overrunning data (up to and including the newline if it
   * was found), as Python's {@code readline()} does.
   */
  public Coroutine<byte[]> readLine() {
    return new ReadOp(ReadOp.LINE, 0, NEWLINE);
  }

  /**
   * Reads exactly {@code n} bytes. If the stream ends first, fails with {@link IncompleteReadError}
   * whose {@link IncompleteReadError#partial()} holds the bytes read.
   */
  public Coroutine<byte[]> readExactly(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("readExactly(n): n must be >= 0, got " + n);
    }
    if (n == 0) {
      return Coroutine.of(EMPTY);
    }
    return new ReadOp(ReadOp.EXACTLY, n, null);
  }

  /**
   * Reads up to and including {@code separator}. If the stream ends first, fails with {@link
   * IncompleteReadError} holding everything that was buffered. If the separator is not found within
   * the limit, fails with {@link LimitOverrunError} and leaves the data buffered.
   */
  public Coroutine<byte[]> readUntil(byte[] separator) {
    Objects.requireNonNull(separator, "separator");
    if (separator.length == 0) {
      throw new IllegalArgumentException("readUntil: the separator must not be empty");
    }
    return new ReadOp(ReadOp.UNTIL, 0, separator.clone());
  }

  /** {@link #readUntil(byte[])} with Python's default separator {@code '\n'}. */
  public Coroutine<byte[]> readUntil() {
    return new ReadOp(ReadOp.UNTIL, 0, NEWLINE);
  }

  /** Whether the stream ended and everything buffered has been read. */
  public boolean atEof() {
    return eof && start == end;
  }

  /** The error the connection failed with, or null. */
  public Throwable exception() {
    return error;
  }

  /**
   * The lines of the stream, each with its {@code '\n'} (the last one may lack it), until the end
   * of the stream: Python's {@code async for line in reader}.
   */
  @Override
  public AsyncIterator<byte[]> asyncIterator() {
    return new AsyncIterator<>() {
      private byte[] line;

      @Override
      public Awaitable<Boolean> hasNext() {
        if (line != null) {
          return LoopBound.TRUE;
        }
        return new Coroutine<Boolean>() {
          @Override
          protected void resume() {
            switch (label) {
              case 0:
                if (!await(readLine(), 1)) {
                  return;
                }
                // fall through
              case 1:
                byte[] l = awaitResult();
                line = l.length == 0 ? null : l;
                complete(line != null);
                return;
              default:
                throw new IllegalStateException("bad label " + label);
            }
          }

          @Override
          protected String describe() {
            return "StreamReader.hasNext()";
          }
        };
      }

      @Override
      public byte[] next() {
        byte[] l = line;
        if (l == null) {
          throw new java.util.NoSuchElementException("await hasNext() first: no line is available");
        }
        line = null;
        return l;
      }
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Feeding (the transport, or tests and protocol code, as in Python).

  /** Appends {@code data} to the buffer and wakes a waiting read. */
  public void feedData(byte[] data) {
    feedData(data, 0, data.length);
  }

  /** Appends {@code data[off, off+len)} to the buffer and wakes a waiting read. */
  public void feedData(byte[] data, int off, int len) {
    Objects.checkFromIndexSize(off, len, data.length);
    if (eof) {
      throw new IllegalStateException("feedData after feedEof: the stream has already ended");
    }
    if (len == 0) {
      return;
    }
    ensureRoom(len);
    System.arraycopy(data, off, buf, end, len);
    end += len;
    wakeWaiter();
    checkWanted();
  }

  /** Marks the end of the stream and wakes a waiting read. */
  public void feedEof() {
    eof = true;
    wakeWaiter();
    checkWanted();
  }

  /**
   * Ends the stream with an error: reads deliver the bytes already buffered, then throw {@code
   * exception} (or an {@link IncompleteReadError} caused by it).
   */
  public void setException(Throwable exception) {
    Objects.requireNonNull(exception, "exception");
    if (error == null) {
      error = exception;
    }
    feedEof();
  }

  /** Reads once from {@code ch} into the buffer; returns the count, -1 at EOF. Loop thread only. */
  int readFrom(ReadableByteChannel ch) throws IOException {
    ensureRoom(READ_CHUNK / 4);
    ByteBuffer v = view;
    v.limit(Math.min(buf.length, end + READ_CHUNK)).position(end);
    int n = ch.read(v);
    if (n > 0) {
      end += n;
      wakeWaiter();
      checkWanted();
    }
    return n;
  }

  /** Whether the transport should read: not at EOF, and a read waits or the buffer has room. */
  boolean wantsData() {
    return !eof && ((waiter != null && !waiter.isDone()) || end - start < 2 * limit);
  }

  int buffered() {
    return end - start;
  }

  /** Whether the end of the stream was fed (bytes may still be buffered). */
  /** Debug reports: the task waiting in a read of this stream, or null. */
  Task<?> waitingTask() {
    Future<Void> w = waiter;
    return w == null || w.isDone() ? null : w.firstWaitingTask();
  }

  boolean eofReceived() {
    return eof;
  }

  // ---------------------------------------------------------------------------------------------
  // Internals.

  private void ensureRoom(int n) {
    if (buf.length - end >= n) {
      return;
    }
    int size = end - start;
    if (start > 0 && buf.length - size >= n && size < buf.length / 2) {
      System.arraycopy(buf, start, buf, 0, size);
    } else {
      int cap = Math.max(1024, buf.length);
      while (cap - size < n) {
        cap = Math.multiplyExact(cap, 2);
      }
      byte[] nb = new byte[cap];
      System.arraycopy(buf, start, nb, 0, size);
      buf = nb;
      view = ByteBuffer.wrap(nb);
    }
    start = 0;
    end = size;
    if (view == null) {
      view = ByteBuffer.wrap(buf);
    }
  }

  private byte[] take(int n) {
    byte[] r = Arrays.copyOfRange(buf, start, start + n);
    start += n;
    if (start == end) {
      emptied();
    }
    checkWanted();
    return r;
  }

  private void discard(int n) {
    start += n;
    if (start >= end) {
      emptied();
    }
    checkWanted();
  }

  /** The buffer is empty: rewind, and drop an array that a burst made much larger than usual. */
  private void emptied() {
    start = 0;
    end = 0;
    if (buf.length > 4 * Math.max(limit, READ_CHUNK)) {
      buf = EMPTY;
      view = null;
    }
  }

  private int indexOf(byte[] sep, int from) {
    int last = end - sep.length;
    byte first = sep[0];
    outer:
    for (int i = start + from; i <= last; i++) {
      if (buf[i] != first) {
        continue;
      }
      for (int j = 1; j < sep.length; j++) {
        if (buf[i + j] != sep[j]) {
          continue outer;
        }
      }
      return i - start;
    }
    return -1;
  }

  private void wakeWaiter() {
    Future<Void> w = waiter;
    if (w != null) {
      waiter = null;
      if (!w.isDone()) {
        w.setResult(null);
      }
    }
  }

  private void checkWanted() {
    Transport t = transport;
    if (t != null) {
      boolean w = wantsData();
      if (w != wanted) {
        wanted = w;
        t.readingChanged();
      }
    }
  }

  private Future<Void> newWaiter(EventLoop loop, String op) {
    Future<Void> w = waiter;
    if (w != null && !w.isDone()) {
      throw new IllegalStateException(
          op
              + "() called while another coroutine is already waiting in "
              + waitingOp
              + "() on"
              + " this StreamReader: only one read may wait at a time (use a Lock, or one reading"
              + " task per stream)");
    }
    w = new Future<>(loop);
    waiter = w;
    waitingOp = op;
    checkWanted();
    return w;
  }

  /** The leaf coroutine of every read: tries the buffer, waits for data, tries again. */
  private final class ReadOp extends Coroutine<byte[]> {
    static final int SOME = 0;
    static final int ALL = 1;
    static final int EXACTLY = 2;
    static final int UNTIL = 3;
    static final int LINE = 4;

    private final int kind;
    private final int n;
    private final byte[] sep;

    /** readUntil: where to resume searching. */
    private int offset;

    /** read(-1): what was taken so far. */
    private byte[] acc;

    private int accLen;

    ReadOp(int kind, int n, byte[] sep) {
      this.kind = kind;
      this.n = n;
      this.sep = sep;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        if (label == 1) {
          awaitResult();
        }
        byte[] r = attempt();
        if (r != null) {
          complete(r);
          return;
        }
        if (!await(newWaiter(task.loop, name()), 1)) {
          return;
        }
      }
    }

    /** The result if the buffer can give it now, null to wait; throws on EOF/limit errors. */
    private byte[] attempt() {
      int size = end - start;
      switch (kind) {
        case SOME:
          if (size > 0) {
            return take(Math.min(n, size));
          }
          if (eof) {
            if (error != null) {
              throw Coroutine.<RuntimeException>sneakyThrow(error);
            }
            return EMPTY;
          }
          return null;
        case ALL:
          if (size > 0) {
            if (acc == null) {
              acc = new byte[Math.max(size, 1024)];
            } else if (acc.length - accLen < size) {
              acc = Arrays.copyOf(acc, Math.max(accLen + size, acc.length * 2));
            }
            System.arraycopy(buf, start, acc, accLen, size);
            accLen += size;
            discard(size);
          }
          if (eof) {
            if (error != null) {
              throw Coroutine.<RuntimeException>sneakyThrow(error);
            }
            return acc == null ? EMPTY : Arrays.copyOf(acc, accLen);
          }
          return null;
        case EXACTLY:
          if (size >= n) {
            return take(n);
          }
          if (eof) {
            throw incomplete(take(size), n);
          }
          return null;
        case UNTIL:
          return until(size);
        case LINE:
          try {
            return until(size);
          } catch (IncompleteReadError e) {
            byte[] partial = e.partial();
            if (partial.length == 0 && error != null) {
              throw Coroutine.<RuntimeException>sneakyThrow(error);
            }
            return partial;
          } catch (LimitOverrunError e) {
            int c = e.consumed();
            if (startsWith(c, sep)) {
              discard(c + sep.length);
            } else {
              discard(end - start);
            }
            throw new LimitOverrunError(
                "readLine(): the line is longer than the reader's limit of "
                    + limit
                    + " bytes ("
                    + e.getMessage()
                    + "); the overrunning data was discarded. Use a larger limit"
                    + " or read it with read(n).",
                c);
          }
        default:
          throw new AssertionError(kind);
      }
    }

    private byte[] until(int size) {
      int seplen = sep.length;
      if (size - offset >= seplen) {
        int isep = indexOf(sep, offset);
        if (isep >= 0) {
          if (isep > limit) {
            throw new LimitOverrunError(
                "separator found "
                    + isep
                    + " bytes in, beyond the buffer limit of "
                    + limit
                    + " bytes; the data is still buffered",
                isep);
          }
          return take(isep + seplen);
        }
        offset = size + 1 - seplen;
        if (offset > limit) {
          throw new LimitOverrunError(
              "separator not found within the buffer limit of "
                  + limit
                  + " bytes; the data is"
                  + " still buffered",
              offset);
        }
      }
      if (eof) {
        throw incomplete(take(size), -1);
      }
      return null;
    }

    private boolean startsWith(int at, byte[] s) {
      if (end - start - at < s.length) {
        return false;
      }
      for (int i = 0; i < s.length; i++) {
        if (buf[start + at + i] != s[i]) {
          return false;
        }
      }
      return true;
    }

    private IncompleteReadError incomplete(byte[] partial, int expected) {
      IncompleteReadError e = new IncompleteReadError(partial, expected);
      if (error != null) {
        e.initCause(error);
      }
      return e;
    }

    private String name() {
      switch (kind) {
        case EXACTLY:
          return "readExactly";
        case UNTIL:
          return "readUntil";
        case LINE:
          return "readLine";
        default:
          return "read";
      }
    }

    @Override
    protected String describe() {
      return "StreamReader." + name() + "()";
    }
  }

  @Override
  public String toString() {
    return "<StreamReader buffered="
        + (end - start)
        + (eof ? " eof" : "")
        + (error != null ? " exception=" + error : "")
        + (waiter != null ? " waiting" : "")
        + ">";
  }
}
