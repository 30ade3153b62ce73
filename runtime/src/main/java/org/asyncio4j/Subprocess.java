package org.asyncio4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A child process started by {@link Asyncio#createSubprocessExec}: Python's {@code
 * asyncio.subprocess.Process}. Its standard streams are pipes exposed as {@link #stdin()} (a {@link
 * StreamWriter}: write, drain, close to send EOF) and {@link #stdout()}, {@link #stderr()} ({@link
 * StreamReader}s).
 *
 * <p>Pipes are blocking in the JDK, so each output pipe is read by a small daemon thread that hands
 * the data to the loop (and stops reading while more than twice the reader's limit is buffered and
 * no read waits: a child that writes much more than is read blocks, as with Python's pipes), and
 * writes to stdin run on the loop's executor. While the process or one of its pipes is still
 * active, the loop counts it as work in progress: with virtual time, the clock does not jump ahead
 * of a running child.
 *
 * <p>A process still running when its loop closes is killed (Python kills it when its transport is
 * closed), with a warning.
 *
 * <p>The exit code is the JDK's: a process killed by a signal reports {@code 128 + signal} (137 for
 * {@link #kill()}), where Python reports the negative signal number.
 */
public final class Subprocess {
  private static final int CHUNK = 1 << 16;

  /**
   * Writes to the children's stdin pipes block while a child does not read: they run on daemon
   * threads of their own, never on the loop's default executor (whose shutdown at the end of {@link
   * Asyncio#run} waits for its jobs).
   */
  private static final java.util.concurrent.ExecutorService PIPE_WRITERS =
      java.util.concurrent.Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "asyncio4j-stdin-writer");
            t.setDaemon(true);
            return t;
          });

  private final EventLoop loop;
  private final Process process;
  private final StreamWriter stdin;
  private final StreamReader stdout;
  private final StreamReader stderr;
  private Integer returncode;
  private final ArrayDeque<Future<Void>> exitWaiters = new ArrayDeque<>(1);

  /** Kills the process if the loop closes while it still runs. */
  private final Runnable release = this::killAtLoopClose;

  private Subprocess(EventLoop loop, Process process, ProcessBuilder pb) {
    this.loop = loop;
    this.process = process;
    this.stdin =
        pb.redirectInput() == ProcessBuilder.Redirect.PIPE
            ? new PipeWriter(process.getOutputStream()).writer
            : null;
    this.stdout =
        pb.redirectOutput() == ProcessBuilder.Redirect.PIPE
            ? new PipeReader(process.getInputStream(), "stdout").reader
            : null;
    this.stderr =
        pb.redirectError() == ProcessBuilder.Redirect.PIPE && !pb.redirectErrorStream()
            ? new PipeReader(process.getErrorStream(), "stderr").reader
            : null;
    loop.beginExternalWork();
    loop.addIoRelease(release);
    process
        .onExit()
        .whenComplete(
            (p, e) -> {
              try {
                loop.callSoonThreadsafe(this::exited);
              } catch (IllegalStateException closed) {
                // the loop is gone: nobody waits any more
              }
            });
  }

  static Coroutine<Subprocess> start(ProcessBuilder pb) {
    return new Coroutine<>() {
      @Override
      protected void resume() throws IOException {
        Process p = pb.start();
        complete(new Subprocess(task.loop, p, pb));
      }

      @Override
      protected String describe() {
        return "createSubprocessExec(" + String.join(" ", pb.command()) + ")";
      }
    };
  }

  private void exited() {
    loop.endExternalWork();
    loop.removeIoRelease(release);
    returncode = process.exitValue();
    IoWait.wakeAll(exitWaiters);
  }

  /** The loop closes while the process runs: kill it, as Python's transport does when closed. */
  private void killAtLoopClose() {
    if (process.isAlive()) {
      loop.warningSink.accept(
          "killing "
              + this
              + ": the process was still running when its event loop closed (await"
              + " waitFor() or communicate() before leaving Asyncio.run)");
      process.destroyForcibly();
    }
  }

  /** The child's standard input, or null if it is not a pipe. Close it to send EOF. */
  public StreamWriter stdin() {
    return stdin;
  }

  /** The child's standard output, or null if it is not a pipe. */
  public StreamReader stdout() {
    return stdout;
  }

  /** The child's standard error, or null if it is not a pipe (or merged into stdout). */
  public StreamReader stderr() {
    return stderr;
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** The exit code once the loop has seen the process exit; null while it runs. */
  public Integer returncode() {
    return returncode;
  }

  /** Waits for the process to exit and returns its exit code. */
  public Coroutine<Integer> waitFor() {
    if (returncode != null) {
      return Coroutine.of(returncode);
    }
    return new Coroutine<>() {
      @Override
      protected void resume() {
        switch (label) {
          case 0:
            if (!await(new IoWait<Void>(exitWaiters, () -> returncode != null, "wait"), 1)) {
              return;
            }
            // fall through
          case 1:
            awaitResult();
            complete(returncode);
            return;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }

      @Override
      protected String describe() {
        return "Subprocess.waitFor(pid=" + pid() + ")";
      }
    };
  }

  /**
   * Sends {@code input} (if not null) to stdin and closes it, reads stdout and stderr to their end
   * concurrently, and waits for the process to exit. Python's {@code communicate(input)}; the
   * streams must not be read elsewhere meanwhile. The output is buffered in memory: for large
   * outputs read the streams instead.
   */
  public Coroutine<Output> communicate(byte[] input) {
    return new Communicate(input == null ? null : input.clone());
  }

  /** {@link #communicate(byte[])} without input (stdin, if a pipe, is closed). */
  public Coroutine<Output> communicate() {
    return new Communicate(null);
  }

  /** What {@link #communicate} collected. */
  public static final class Output {
    private final byte[] stdout;
    private final byte[] stderr;
    private final int returncode;

    Output(byte[] stdout, byte[] stderr, int returncode) {
      this.stdout = stdout;
      this.stderr = stderr;
      this.returncode = returncode;
    }

    /** Everything the process wrote to stdout, or null if stdout is not a pipe. */
    public byte[] stdout() {
      return stdout;
    }

    /** Everything the process wrote to stderr, or null if stderr is not a pipe. */
    public byte[] stderr() {
      return stderr;
    }

    /** {@link #stdout()} decoded as UTF-8 (null if not a pipe). */
    public String stdoutText() {
      return stdout == null ? null : new String(stdout, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@link #stderr()} decoded as UTF-8 (null if not a pipe). */
    public String stderrText() {
      return stderr == null ? null : new String(stderr, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The exit code. */
    public int returncode() {
      return returncode;
    }
  }

  /** The coroutine of {@link #communicate}. */
  private final class Communicate extends Coroutine<Output> {
    private final byte[] input;
    private Task<byte[]> out;
    private Task<byte[]> err;
    private byte[] outBytes;
    private byte[] errBytes;

    Communicate(byte[] input) {
      this.input = input;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          if (stdin != null) {
            if (input != null && !stdin.isClosing()) {
              stdin.write(input);
            }
            stdin.close();
          }
          out = stdout == null ? null : task.loop.createTask(stdout.read(-1));
          err = stderr == null ? null : task.loop.createTask(stderr.read(-1));
          if (out != null && !await(out, 1)) {
            return;
          }
          // fall through
        case 1:
          if (out != null) {
            outBytes = awaitResult();
          }
          if (err != null && !await(err, 2)) {
            return;
          }
          // fall through
        case 2:
          if (err != null) {
            errBytes = awaitResult();
          }
          if (!await(waitFor(), 3)) {
            return;
          }
          // fall through
        case 3:
          int rc = awaitResult();
          complete(new Output(outBytes, errBytes, rc));
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }

    @Override
    protected String describe() {
      return "Subprocess.communicate(pid=" + pid() + ")";
    }
  }

  /** Kills the process (SIGKILL). Does nothing if it has already exited. */
  public void kill() {
    process.destroyForcibly();
  }

  /** Asks the process to terminate (SIGTERM). Does nothing if it has already exited. */
  public void terminate() {
    process.destroy();
  }

  /** The underlying JDK process. */
  public Process process() {
    return process;
  }

  @Override
  public String toString() {
    return "<Subprocess pid="
        + process.pid()
        + (returncode == null ? " running" : " returncode=" + returncode)
        + ">";
  }

  /** An output pipe of the child, read by a daemon thread into a {@link StreamReader}. */
  private final class PipeReader implements Transport, Runnable {
    final StreamReader reader = new StreamReader(StreamReader.DEFAULT_LIMIT, this);
    private final InputStream in;
    private final Object lock = new Object();
    private boolean paused;

    PipeReader(InputStream in, String name) {
      this.in = in;
      loop.beginExternalWork();
      Thread t = new Thread(this, "asyncio4j-" + name + "-" + process.pid());
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void run() {
      byte[] b = new byte[CHUNK];
      Throwable failure = null;
      try (InputStream s = in) {
        for (; ; ) {
          synchronized (lock) {
            while (paused) {
              lock.wait();
            }
          }
          int n = s.read(b);
          if (n < 0) {
            break;
          }
          byte[] chunk = Arrays.copyOf(b, n);
          loop.callSoonThreadsafe(() -> reader.feedData(chunk));
        }
      } catch (IOException e) {
        failure = e;
      } catch (InterruptedException e) {
        failure = e;
      } catch (IllegalStateException loopClosed) {
        return;
      }
      Throwable f = failure;
      try {
        loop.callSoonThreadsafe(
            () -> {
              loop.endExternalWork();
              if (f != null) {
                reader.setException(f);
              } else {
                reader.feedEof();
              }
            });
      } catch (IllegalStateException loopClosed) {
        // nobody reads any more
      }
    }

    @Override
    public void readingChanged() {
      boolean pause = !reader.wantsData() && !reader.atEof();
      synchronized (lock) {
        if (paused != pause) {
          paused = pause;
          lock.notifyAll();
        }
      }
    }

    @Override
    public void writerChanged() {}

    @Override
    public int writeNow(byte[] b, int off, int len) {
      return 0;
    }

    @Override
    public boolean canWriteEof() {
      return false;
    }

    @Override
    public void abort() {}

    @Override
    public Object extraInfo(String name) {
      return "pid".equals(name) ? process.pid() : null;
    }
  }

  /** The child's stdin: buffered by a {@link StreamWriter}, written on the loop's executor. */
  private final class PipeWriter implements Transport {
    final StreamWriter writer = new StreamWriter(this, null);
    private final OutputStream out;
    private boolean busy;
    private boolean closed;

    PipeWriter(OutputStream out) {
      this.out = out;
    }

    @Override
    public void writerChanged() {
      if (busy || closed) {
        return;
      }
      if (writer.buffered() > 0) {
        byte[] chunk = writer.peek(CHUNK);
        busy = true;
        loop.runInExecutor(
                PIPE_WRITERS,
                () -> {
                  out.write(chunk);
                  out.flush();
                  return chunk.length;
                })
            .addDoneCallback(
                f -> {
                  busy = false;
                  Throwable e = f.exception();
                  if (e != null) {
                    writer.connectionLost(e);
                    closeNow();
                    return;
                  }
                  writer.consumed(f.result());
                  writerChanged();
                });
      } else if (writer.isClosingRequested() || writer.isEofRequested()) {
        closeNow();
      }
    }

    private void closeNow() {
      if (closed) {
        return;
      }
      closed = true;
      busy = true;
      loop.runInExecutor(
              PIPE_WRITERS,
              () -> {
                out.close();
                return null;
              })
          .addDoneCallback(
              f -> {
                f.exception(); // a pipe the child already closed: nothing to report
                writer.markClosed();
              });
    }

    @Override
    public void readingChanged() {}

    @Override
    public int writeNow(byte[] b, int off, int len) {
      return 0;
    }

    @Override
    public boolean canWriteEof() {
      return true;
    }

    @Override
    public void abort() {
      closeNow();
    }

    @Override
    public Object extraInfo(String name) {
      return "pid".equals(name) ? process.pid() : null;
    }
  }
}
