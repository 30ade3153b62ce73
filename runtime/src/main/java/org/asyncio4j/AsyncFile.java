package org.asyncio4j;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.NoSuchElementException;

/**
 * A text file opened by {@link AsyncFiles#open}: reads and writes run on the loop's executor, in
 * chunks of 64 Ki characters, so the loop never blocks and a file of any size streams through a
 * bounded amount of memory. Reading a line that is already buffered, or writing while the write
 * buffer is not full, completes without leaving the loop.
 *
 * <p>Lines end with {@code "\n"} or {@code "\r\n"}; {@link #readLine()} and {@link #lines()} return
 * them without the terminator, as {@link java.io.BufferedReader#readLine()} does (Python's aiofiles
 * keeps the newline). One operation at a time: start the next one after awaiting the previous one.
 *
 * <p>Binary modes ({@code "rb"}, {@code "wb"}, {@code "ab"}) read with {@link #readBytes(int)} and
 * write with {@link #write(byte[])}.
 *
 * <p>Close the file with try-with-resources in an {@code @Async} method ({@code async with}) or
 * {@link #closeAsync()}: buffered writes reach the file then.
 */
public final class AsyncFile implements AsyncCloseable {
  private static final int CHUNK = 64 * 1024;

  private final Path path;
  private final String mode;
  private final Reader reader;
  private final Writer writer;

  /** Binary modes ("rb", "wb", "ab"): the streams, and the bytes written but not sent yet. */
  private final InputStream binIn;

  private final OutputStream binOut;
  private final ByteArrayOutputStream binBuffer;
  private final StringBuilder pending = new StringBuilder();
  private int pos;
  private boolean eof;
  private final StringBuilder out = new StringBuilder();
  private boolean busy;
  /**
   * The last executor job submitted: each job starts once the previous one has ended, even when the
   * operation that awaited it was cancelled (its job keeps running), so the reader/writer is never
   * used by two threads at once and a close cancelled mid-way still runs after the write before it.
   */
  private java.util.concurrent.CompletableFuture<Void> lastJob =
      java.util.concurrent.CompletableFuture.completedFuture(null);
  private boolean closed;

  private AsyncFile(Path path, String mode, Reader reader, Writer writer) {
    this(path, mode, reader, writer, null, null);
  }

  private AsyncFile(
      Path path,
      String mode,
      Reader reader,
      Writer writer,
      InputStream binIn,
      OutputStream binOut) {
    this.path = path;
    this.mode = mode;
    this.reader = reader;
    this.writer = writer;
    this.binIn = binIn;
    this.binOut = binOut;
    this.binBuffer = binOut != null ? new ByteArrayOutputStream() : null;
  }

  /** Opens the file (on the executor). */
  static AsyncFile open(Path path, String mode, Charset cs) throws IOException {
    switch (mode) {
      case "r":
        return new AsyncFile(path, mode, Files.newBufferedReader(path, cs), null);
      case "w":
        return new AsyncFile(path, mode, null, Files.newBufferedWriter(path, cs));
      case "a":
        return new AsyncFile(
            path,
            mode,
            null,
            Files.newBufferedWriter(
                path,
                cs,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE));
      case "rb":
        return new AsyncFile(
            path,
            mode,
            null,
            null,
            new BufferedInputStream(Files.newInputStream(path), CHUNK),
            null);
      case "wb":
        return new AsyncFile(
            path,
            mode,
            null,
            null,
            null,
            new BufferedOutputStream(Files.newOutputStream(path), CHUNK));
      case "ab":
        return new AsyncFile(
            path,
            mode,
            null,
            null,
            null,
            new BufferedOutputStream(
                Files.newOutputStream(
                    path,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE),
                CHUNK));
      default:
        throw new IllegalArgumentException("mode " + mode);
    }
  }

  /** The file's path. */
  public Path path() {
    return path;
  }

  /** Whether the file is closed. */
  public boolean isClosed() {
    return closed;
  }

  /** The rest of the file. */
  public Coroutine<String> read() {
    return new Op<>(Op.READ_ALL, -1, null);
  }

  /** Up to {@code n} characters: at least one unless at the end of the file (then ""). */
  public Coroutine<String> read(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("read(n): n must be >= 0, got " + n);
    }
    return new Op<>(Op.READ_SOME, n, null);
  }

  /** The next line without its terminator, or null at the end of the file. */
  public Coroutine<String> readLine() {
    return new Op<>(Op.LINE, -1, null);
  }

  /**
   * The remaining lines, without terminators, for {@code async for}: {@code for (String line :
   * Await.each(file.lines())) { ... }}.
   */
  public AsyncIterable<String> lines() {
    return () ->
        new AsyncIterator<String>() {
          private String line;
          private boolean ready;

          @Override
          public Awaitable<Boolean> hasNext() {
            if (ready) {
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
                    line = awaitResult();
                    ready = line != null;
                    complete(ready);
                    return;
                  default:
                    throw new IllegalStateException("bad label " + label);
                }
              }

              @Override
              protected String describe() {
                return "AsyncFile.lines().hasNext()";
              }
            };
          }

          @Override
          public String next() {
            if (!ready) {
              throw new NoSuchElementException("await hasNext() first: no line is available");
            }
            ready = false;
            String l = line;
            line = null;
            return l;
          }
        };
  }

  /** Writes {@code text}: buffered, sent to the file in 64 Ki-character chunks. */
  public Coroutine<Void> write(String text) {
    if (text == null) {
      throw new NullPointerException("write(null)");
    }
    return new Op<>(Op.WRITE, -1, (Object) text);
  }

  /** Binary modes: the rest of the file. */
  public Coroutine<byte[]> readBytes() {
    return readBytes(-1);
  }

  /**
   * Binary modes: up to {@code n} bytes, at least one unless at the end of the file (then an empty
   * array); {@code n = -1} reads the rest of the file.
   */
  public Coroutine<byte[]> readBytes(int n) {
    if (n < -1) {
      throw new IllegalArgumentException("readBytes(n): n must be >= -1, got " + n);
    }
    return new BinaryRead(n);
  }

  /** Binary modes: writes {@code data} (buffered, sent in 64 KiB chunks; a copy is kept). */
  public Coroutine<Void> write(byte[] data) {
    if (data == null) {
      throw new NullPointerException("write(null)");
    }
    return new Op<>(Op.WRITE, -1, data.clone());
  }

  /** Sends buffered writes to the file and flushes it. */
  public Coroutine<Void> flush() {
    return new Op<>(Op.FLUSH, -1, null);
  }

  /** Writes what is buffered and closes the file. Idempotent. */
  public Coroutine<Void> closeAsync() {
    return new Op<>(Op.CLOSE, -1, null);
  }

  /** Python's {@code async with}: completes with the file. */
  @Override
  public Awaitable<?> enterAsync() {
    return Coroutine.of(this);
  }

  /** Closes the file (buffered writes reach it). Never suppresses. */
  @Override
  public Awaitable<Boolean> exitAsync(Throwable error) {
    Op<Boolean> op = new Op<>(Op.CLOSE, -1, null);
    op.closeResult = false;
    return op;
  }

  // ---------------------------------------------------------------------------------------------
  // Internals: executor jobs (they touch the Reader/Writer; one at a time, in submission order).

  /**
   * Runs {@code fn} on the loop's default executor after every job submitted before it; the
   * returned future (completed on the loop) has its result or exception.
   */
  private <T> Future<T> serial(EventLoop loop, java.util.concurrent.Callable<T> fn) {
    Future<T> f = loop.createFuture();
    java.util.concurrent.CompletableFuture<Void> previous = lastJob;
    java.util.concurrent.CompletableFuture<Void> done =
        new java.util.concurrent.CompletableFuture<>();
    lastJob = done;
    loop.beginExternalWork();
    previous.whenComplete(
        (v, e) -> {
          try {
            loop.defaultExecutor()
                .execute(
                    () -> {
                      Object value = null;
                      Throwable error = null;
                      try {
                        value = fn.call();
                      } catch (Throwable t) {
                        error = t;
                      } finally {
                        done.complete(null);
                      }
                      loop.completeFromOtherThread(f, value, error);
                    });
          } catch (java.util.concurrent.RejectedExecutionException rejected) {
            done.complete(null);
            loop.completeFromOtherThread(f, null, rejected);
          }
        });
    return f;
  }

  private String readChunk() throws IOException {
    char[] c = new char[CHUNK];
    int n = reader.read(c);
    return n < 0 ? null : new String(c, 0, n);
  }

  private Object writeOut(String data, byte[] bytes, boolean flush, boolean close)
      throws IOException {
    try {
      if (writer != null) {
        writer.write(data);
        if (flush) {
          writer.flush();
        }
      }
      if (binOut != null) {
        binOut.write(bytes);
        if (flush) {
          binOut.flush();
        }
      }
    } finally {
      if (close) {
        for (java.io.Closeable c : new java.io.Closeable[] {writer, reader, binOut, binIn}) {
          if (c != null) {
            c.close();
          }
        }
      }
    }
    return null;
  }

  private String takeLine() {
    int nl = pending.indexOf("\n", pos);
    String line;
    if (nl >= 0) {
      int e = nl > pos && pending.charAt(nl - 1) == '\r' ? nl - 1 : nl;
      line = pending.substring(pos, e);
      pos = nl + 1;
    } else if (eof && pos < pending.length()) {
      line = pending.substring(pos);
      pos = pending.length();
    } else {
      return null;
    }
    compact();
    return line;
  }

  private String take(int n) {
    int e = Math.min(pending.length(), pos + n);
    String s = pending.substring(pos, e);
    pos = e;
    compact();
    return s;
  }

  private void compact() {
    if (pos == pending.length()) {
      pending.setLength(0);
      pos = 0;
    } else if (pos > CHUNK) {
      pending.delete(0, pos);
      pos = 0;
    }
  }

  private void checkOpen(String op, boolean forReading) {
    if (closed) {
      throw new IllegalStateException(op + "(): " + this + " is closed");
    }
    if (forReading && reader == null && binIn == null) {
      throw new IllegalStateException(
          op + "(): " + this + " was opened for writing (mode \"" + mode + "\")");
    }
    if (!forReading && writer == null && binOut == null) {
      throw new IllegalStateException(
          op + "(): " + this + " was opened for reading (mode \"" + mode + "\")");
    }
    if (busy) {
      throw new IllegalStateException(
          op + "(): another operation on " + this + " is in progress: await it first");
    }
  }

  @Override
  public String toString() {
    return "<AsyncFile " + path + " mode=" + mode + (closed ? " closed" : "") + ">";
  }

  /** The coroutine of {@link #readBytes(int)}: one executor job. */
  private final class BinaryRead extends Coroutine<byte[]> {
    private final int n;

    BinaryRead(int n) {
      this.n = n;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          checkOpen("readBytes", true);
          if (binIn == null) {
            throw new IllegalStateException(
                "readBytes(): "
                    + AsyncFile.this
                    + " is a text file: use read() or readLine(), or"
                    + " open it with \"rb\"");
          }
          busy = true;
          if (!await(serial(task.loop, this::readNow), 1)) {
            return;
          }
          // fall through
        case 1:
          busy = false;
          complete(awaitResult());
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }

    private byte[] readNow() throws IOException {
      if (n < 0) {
        return binIn.readAllBytes();
      }
      byte[] b = new byte[n];
      int r = binIn.read(b, 0, n);
      return r <= 0 ? new byte[0] : (r == n ? b : java.util.Arrays.copyOf(b, r));
    }

    @Override
    protected String describe() {
      return "AsyncFile(" + path + ").readBytes(" + n + ")";
    }
  }

  /** The leaf coroutine of every operation. */
  private final class Op<T> extends Coroutine<T> {
    static final int READ_ALL = 0;
    static final int READ_SOME = 1;
    static final int LINE = 2;
    static final int WRITE = 3;
    static final int FLUSH = 4;
    static final int CLOSE = 5;

    private final int kind;
    private final int n;

    /** WRITE: a String (text modes) or a byte[] (binary modes). */
    private final Object text;

    Object closeResult;

    Op(int kind, int n, Object text) {
      this.kind = kind;
      this.n = n;
      this.text = text;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void resume() {
      switch (kind) {
        case READ_ALL:
        case READ_SOME:
        case LINE:
          for (; ; ) {
            if (label == 1) {
              busy = false;
              String chunk = awaitResult();
              if (chunk == null) {
                eof = true;
              } else {
                pending.append(chunk);
              }
            } else {
              checkOpen(kind == LINE ? "readLine" : "read", true);
              if (reader == null) {
                throw new IllegalStateException(
                    (kind == LINE ? "readLine" : "read")
                        + "(): "
                        + AsyncFile.this
                        + " is a binary"
                        + " file: use readBytes()");
              }
            }
            label = 0;
            String r = attempt();
            if (r != null || (eof && kind == LINE)) {
              complete((T) r);
              return;
            }
            busy = true;
            if (!await(serial(task.loop, AsyncFile.this::readChunk), 1)) {
              return;
            }
          }
        case WRITE:
          if (label == 0) {
            checkOpen("write", false);
            if (text instanceof byte[]) {
              if (binOut == null) {
                throw new IllegalStateException(
                    "write(byte[]): "
                        + AsyncFile.this
                        + " is a text file: write a String, or open"
                        + " it with \"wb\" or \"ab\"");
              }
              byte[] b = (byte[]) text;
              binBuffer.write(b, 0, b.length);
            } else {
              if (writer == null) {
                throw new IllegalStateException(
                    "write(String): " + AsyncFile.this + " is a binary file: write bytes");
              }
              out.append((String) text);
            }
            if (out.length() < CHUNK && (binBuffer == null || binBuffer.size() < CHUNK)) {
              complete(null);
              return;
            }
            if (!await(job(false, false), 1)) {
              return;
            }
          }
          busy = false;
          awaitResult();
          complete(null);
          return;
        case FLUSH:
          if (label == 0) {
            checkOpen("flush", false);
            if (!await(job(true, false), 1)) {
              return;
            }
          }
          busy = false;
          awaitResult();
          complete(null);
          return;
        case CLOSE:
          if (label == 0) {
            if (closed) {
              complete((T) closeResult);
              return;
            }
            // An operation still in progress (its awaiter cancelled, or another task's) keeps
            // running: the close job runs after its job.
            Future<Object> f = job(true, true);
            closed = true;
            if (!await(f, 1)) {
              return;
            }
          }
          busy = false;
          awaitResult();
          complete((T) closeResult);
          return;
        default:
          throw new AssertionError(kind);
      }
    }

    private Future<Object> job(boolean flush, boolean close) {
      String data = out.toString();
      out.setLength(0);
      byte[] bytes = null;
      if (binBuffer != null) {
        bytes = binBuffer.toByteArray();
        binBuffer.reset();
      }
      byte[] b = bytes;
      busy = true;
      return serial(task.loop, () -> writeOut(data, b, flush, close));
    }

    /** The result from the buffer, or null when more must be read first. */
    private String attempt() {
      switch (kind) {
        case LINE:
          return takeLine();
        case READ_SOME:
          if (n == 0) {
            return "";
          }
          if (pos < pending.length()) {
            return take(n);
          }
          return eof ? "" : null;
        default:
          return eof ? take(pending.length() - pos) : null;
      }
    }

    @Override
    protected String describe() {
      String op =
          kind <= LINE ? "read" : kind == WRITE ? "write" : kind == FLUSH ? "flush" : "close";
      return "AsyncFile(" + path + ")." + op + "()";
    }
  }
}
