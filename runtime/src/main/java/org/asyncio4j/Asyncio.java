package org.asyncio4j;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The asyncio API: {@code import static org.asyncio4j.Asyncio.*;} and write {@code run}, {@code
 * sleep}, {@code createTask}, {@code gather}, ... as in Python.
 *
 * <p>Durations are seconds as {@code double}, as in Python, with {@link Duration} overloads.
 * Everything except {@link #run} and {@link #runCoroutineThreadsafe} must be called on a running
 * loop's thread (from a coroutine or a callback).
 */
public final class Asyncio {
  private Asyncio() {}

  // ---------------------------------------------------------------------------------------------
  // Running a program.

  /**
   * Runs {@code main} on a new event loop and returns its result (or throws its exception,
   * unwrapped). On exit, tasks still running are cancelled and awaited, the default executor is
   * shut down and the loop is closed. Cannot be called from a running loop.
   *
   * <p>Ctrl-C (SIGINT) cancels the main task, so its {@code finally} blocks run; {@code run} then
   * throws {@link KeyboardInterrupt}, which, left uncaught, ends the process with status 130. A
   * second Ctrl-C during shutdown ends the process at once.
   */
  public static <T> T run(Coroutine<T> main) {
    return run(main, RunOptions.create());
  }

  /** {@link #run(Coroutine)} with options: debug mode, virtual time. */
  public static <T> T run(Coroutine<T> main, RunOptions options) {
    Objects.requireNonNull(main, "main");
    if (EventLoop.current() != null) {
      throw new IllegalStateException(
          "Asyncio.run() cannot be called from a running event loop: await the coroutine instead"
              + " (or schedule it with createTask)");
    }
    EventLoop loop = EventLoop.create(options);
    SigintHandler sigint = null;
    DumpSignal dumpSignal = null;
    Throwable primary = null;
    try {
      Task<T> task = loop.createTask(main);
      sigint = SigintHandler.install(loop, task);
      dumpSignal = DumpSignal.install(loop, options.getDumpOnSignal());
      try {
        return loop.runUntilComplete(task);
      } catch (CancelledError e) {
        if (sigint != null && sigint.interrupted() && task.uncancel() == 0) {
          SigintHandler.exitBySigintIfUncaught();
          KeyboardInterrupt ki = new KeyboardInterrupt();
          ki.initCause(e);
          throw ki;
        }
        throw e;
      }
    } catch (Throwable t) {
      primary = t;
      throw t;
    } finally {
      // Shutdown problems never hide the main coroutine's own exception: they are attached to it.
      try {
        cancelAllTasks(loop);
        loop.shutdownDefaultExecutor(300);
      } catch (Throwable cleanup) {
        if (primary == null) {
          throw cleanup;
        }
        primary.addSuppressed(cleanup);
      } finally {
        loop.close();
        if (sigint != null) {
          sigint.uninstall();
        }
        if (dumpSignal != null) {
          dumpSignal.uninstall();
        }
      }
    }
  }

  /** Cancels the tasks still running when the main coroutine finished, and waits for them. */
  private static void cancelAllTasks(EventLoop loop) {
    Set<Task<?>> toCancel = loop.liveTasks();
    if (toCancel.isEmpty()) {
      return;
    }
    for (Task<?> t : toCancel) {
      t.cancel();
    }
    Future<Void> all = loop.createFuture();
    int[] left = {toCancel.size()};
    for (Task<?> t : toCancel) {
      t.addDoneCallback(
          x -> {
            if (--left[0] == 0 && !all.isDone()) {
              all.setResult(null);
            }
          });
    }
    loop.runUntilComplete(all);
    for (Task<?> t : toCancel) {
      if (!t.isCancelled() && t.exception() != null) {
        java.util.Map<String, Object> ctx =
            EventLoop.context("unhandled exception during Asyncio.run() shutdown", t.exception());
        ctx.put("task", t);
        loop.callExceptionHandler(ctx);
      }
    }
  }

  /**
   * Runs {@code coroutine} on {@code loop} from another thread and returns a {@link
   * CompletableFuture} of its result. Python's {@code run_coroutine_threadsafe}.
   *
   * <p>With virtual time, a {@link #toThread} or {@code runInExecutor} job of {@code loop} that
   * blocks in this future's {@code get()} or {@code join()} lets the loop's clock move while it
   * waits (otherwise pending executor work holds the clock, and a coroutine that sleeps would never
   * wake); the clock is held again from the moment the result is published. Waiting by other means
   * (a future derived with {@code thenApply}, a latch set by a loop callback) keeps the clock held.
   */
  public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coroutine, EventLoop loop) {
    Objects.requireNonNull(coroutine, "coroutine");
    ThreadsafeResult<T> cf = new ThreadsafeResult<>(loop);
    loop.callSoonThreadsafe(
        () -> {
          try {
            Task<T> t = loop.createTask(coroutine);
            t.addDoneCallback(
                f -> {
                  if (f.isCancelled()) {
                    cf.completeOnLoop(null, null, true);
                  } else if (f.exception() != null) {
                    cf.completeOnLoop(null, f.exception(), false);
                  } else {
                    cf.completeOnLoop(f.result(), null, false);
                  }
                });
            cf.whenComplete(
                (v, e) -> {
                  if (cf.isCancelled()) {
                    loop.callSoonThreadsafe(() -> t.cancel());
                  }
                });
          } catch (Throwable e) {
            cf.completeOnLoop(null, e, false);
          }
        });
    return cf;
  }

  // ---------------------------------------------------------------------------------------------
  // Sleeping.

  /**
   * A coroutine that completes after {@code delay} seconds (the timer starts when it is awaited).
   * {@code sleep(0)} yields to the loop for exactly one iteration.
   */
  public static Coroutine<Void> sleep(double delay) {
    return new Sleep<>(delay, null);
  }

  /** {@link #sleep(double)} with a {@link Duration}. */
  public static Coroutine<Void> sleep(Duration delay) {
    return new Sleep<>(seconds(delay), null);
  }

  /** A coroutine that completes with {@code result} after {@code delay} seconds. */
  public static <T> Coroutine<T> sleep(double delay, T result) {
    return new Sleep<>(delay, result);
  }

  // ---------------------------------------------------------------------------------------------
  // Tasks.

  /**
   * Schedules {@code coroutine} as a task on the running loop; it starts when the caller next
   * yields to the loop. The loop keeps the task alive until it is done.
   */
  public static <T> Task<T> createTask(Coroutine<T> coroutine) {
    return EventLoop.requireRunning("createTask").createTask(coroutine, null);
  }

  /** {@link #createTask(Coroutine)} with a name. */
  public static <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
    return EventLoop.requireRunning("createTask").createTask(coroutine, name);
  }

  /** The task running on this thread's loop, or null in a plain callback. */
  public static Task<?> currentTask() {
    return EventLoop.requireRunning("currentTask").currentTask;
  }

  /** The tasks of the running loop that are not done yet. */
  public static Set<Task<?>> allTasks() {
    return EventLoop.requireRunning("allTasks").liveTasks();
  }

  /**
   * A printable dump of the running loop's live tasks: each task's name, state and what it waits
   * for, its await chain innermost first with the source line of each coroutine, the tasks that
   * await it, and the await tree. See {@link EventLoop#dumpTasks()}; {@link
   * RunOptions#dumpOnSignal} prints it on a signal.
   */
  public static String dumpTasks() {
    return EventLoop.requireRunning("dumpTasks").dumpTasks();
  }

  /** The loop running on this thread. {@link IllegalStateException} if none. */
  public static EventLoop getRunningLoop() {
    return EventLoop.requireRunning("getRunningLoop");
  }

  // ---------------------------------------------------------------------------------------------
  // Combinators: gather, shield, wait, asCompleted, waitFor, timeout.

  /**
   * Runs the awaitables concurrently and completes with their results in argument order. Python's
   * {@code asyncio.gather(*aws)}.
   *
   * <p>Coroutines are wrapped in tasks now; an awaitable passed more than once (the same object)
   * runs once. With no arguments the returned future is already done with an empty list. The first
   * awaitable to fail completes the gather with that exception, unwrapped; the others are
   * <em>not</em> cancelled and keep running. A child that is cancelled counts as failing with
   * {@link CancelledError}. Cancelling the returned future cancels the children that are not done
   * (returning whether any accepted); the gather then ends, once they are all done, with a {@code
   * CancelledError} as its {@link Future#exception() exception} while {@link Future#isCancelled()}
   * stays false, as in CPython; a task awaiting it ends cancelled. Cancelling a gather that is
   * done returns false and cancels nothing.
   *
   * @throws IllegalStateException if a coroutine must be wrapped and no loop is running
   * @throws IllegalArgumentException if the futures belong to different loops
   */
  @SafeVarargs
  public static <T> Future<List<T>> gather(Awaitable<? extends T>... awaitables) {
    Objects.requireNonNull(awaitables, "awaitables");
    return Gather.gather(false, Arrays.asList(awaitables));
  }

  /** {@link #gather(Awaitable...)} over a collection, in its iteration order. */
  public static <T> Future<List<T>> gather(Collection<? extends Awaitable<? extends T>> awaitables) {
    return Gather.gather(false, awaitables);
  }

  /**
   * {@code asyncio.gather(*aws, return_exceptions=returnExceptions)}: with {@code true}, every
   * outcome becomes a list element in argument order, the result or the {@link Throwable} (a
   * cancelled child gives its {@link CancelledError}), and the gather never fails because of a
   * child. With {@code false}, like {@link #gather(Awaitable...)}.
   */
  public static Future<List<Object>> gather(boolean returnExceptions, Awaitable<?>... awaitables) {
    Objects.requireNonNull(awaitables, "awaitables");
    return Gather.gather(returnExceptions, Arrays.asList(awaitables));
  }

  /** {@link #gather(boolean, Awaitable...)} over a collection, in its iteration order. */
  public static Future<List<Object>> gather(
      boolean returnExceptions, Collection<? extends Awaitable<?>> awaitables) {
    return Gather.gather(returnExceptions, awaitables);
  }

  /**
   * Protects {@code awaitable} from cancellation. Python's {@code asyncio.shield(aw)}.
   *
   * <p>Returns a future that mirrors the awaitable's outcome (a coroutine is wrapped in a task
   * now; an awaitable that is already done is returned as it is). Cancelling the returned future,
   * for instance because the task awaiting it is cancelled, does not cancel the awaitable: the
   * awaiter gets {@link CancelledError} while the awaitable keeps running. If the awaitable itself
   * is cancelled, the returned future is cancelled too. Keep a reference to the task if you need
   * its result later.
   *
   * @throws IllegalStateException if a coroutine must be wrapped and no loop is running
   */
  public static <T> Future<T> shield(Awaitable<T> awaitable) {
    return Shield.shield(awaitable);
  }

  /**
   * Waits until all the futures are done. Python's {@code asyncio.wait(fs)}: {@link
   * #wait(Collection, ReturnWhen, double)} with {@link ReturnWhen#ALL_COMPLETED} and no timeout.
   */
  public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<T>> futures) {
    return new Wait<>(futures, ReturnWhen.ALL_COMPLETED, Double.POSITIVE_INFINITY);
  }

  /**
   * Waits for the futures until {@code returnWhen} holds. Python's {@code asyncio.wait(fs,
   * return_when=...)}; see {@link #wait(Collection, ReturnWhen, double)}.
   */
  public static <T> Coroutine<WaitResult<T>> wait(
      Collection<? extends Awaitable<T>> futures, ReturnWhen returnWhen) {
    return new Wait<>(futures, returnWhen, Double.POSITIVE_INFINITY);
  }

  /**
   * A coroutine that waits for the futures (or tasks) until {@code returnWhen} holds or {@code
   * timeout} seconds pass, and returns them split into {@link WaitResult#done()} and {@link
   * WaitResult#pending()} (each in argument order, duplicates once). Python's {@code
   * asyncio.wait(fs, timeout=..., return_when=...)}. It never throws {@link TimeoutError} and
   * never cancels anything. {@code Double.POSITIVE_INFINITY} means no timeout. As in CPython, under
   * {@link ReturnWhen#FIRST_EXCEPTION} the exception of a future that fails counts as retrieved.
   *
   * <p>Like Python 3.11+, coroutines are rejected: wrap them with {@link #createTask} first, which
   * also gives you the task objects to find in the result sets. (Since every class inherits {@code
   * Object.wait}, a static import of this method is hidden: write {@code Asyncio.wait(...)}.)
   *
   * @throws IllegalArgumentException at the call if {@code futures} is empty (Python's {@code
   *     ValueError}) or holds a coroutine (Python's {@code TypeError}), or if the timeout is NaN
   */
  public static <T> Coroutine<WaitResult<T>> wait(
      Collection<? extends Awaitable<T>> futures, ReturnWhen returnWhen, double timeout) {
    return new Wait<>(futures, returnWhen, timeout);
  }

  /**
   * The awaitables' results in completion order. Python's {@code asyncio.as_completed(aws)} used
   * with a plain {@code for}: each coroutine of the (single-use) iterable, when awaited, returns
   * the result of the next awaitable to finish, or throws its exception. Coroutines are wrapped in
   * tasks now; an awaitable passed twice counts once.
   *
   * @throws IllegalStateException if no loop is running
   */
  public static <T> AsCompletedIterable<T> asCompleted(Collection<? extends Awaitable<T>> awaitables) {
    return new AsCompleted<>(awaitables, Double.POSITIVE_INFINITY);
  }

  /**
   * {@link #asCompleted(Collection)} with a timeout in seconds, counted from this call: once it
   * passes, the coroutines still waiting (and those of the awaitables not finished yet) throw
   * {@link TimeoutError}. Nothing is cancelled. Python's {@code as_completed(aws, timeout=...)}.
   */
  public static <T> AsCompletedIterable<T> asCompleted(
      Collection<? extends Awaitable<T>> awaitables, double timeout) {
    return new AsCompleted<>(awaitables, timeout);
  }

  /**
   * A coroutine that awaits {@code awaitable} for at most {@code timeout} seconds. Python's {@code
   * asyncio.wait_for(aw, timeout)} (3.12+, built on {@link #timeout(double)}).
   *
   * <p>On timeout the awaitable is cancelled and waited for (its {@code finally} blocks have run
   * when this throws), then {@link TimeoutError} is thrown with the {@link CancelledError} as its
   * cause; if the awaitable suppresses the cancellation and returns a value, that value is
   * returned. A coroutine is awaited in the calling task; with {@code timeout <= 0} it is wrapped
   * in a task that is cancelled before it starts (its body never runs), while a future that is
   * already done gives its result. Cancelling the waiting task cancels the awaitable; use {@link
   * #shield} to keep it running. {@code Double.POSITIVE_INFINITY} means no limit.
   *
   * @throws IllegalArgumentException if the timeout is NaN
   */
  public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, double timeout) {
    return new WaitFor<>(awaitable, timeout);
  }

  /** {@link #waitFor(Awaitable, double)} with a {@link Duration}; null means no limit. */
  public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, Duration timeout) {
    return new WaitFor<>(awaitable, timeout == null ? Double.POSITIVE_INFINITY : seconds(timeout));
  }

  /**
   * A {@link Timeout} whose deadline is {@code delay} seconds from now (negative or zero: it
   * expires at the first suspension of the block). Python's {@code asyncio.timeout(delay)}: when it
   * expires, the block is cancelled and leaving it throws {@link TimeoutError}. {@code
   * Double.POSITIVE_INFINITY} means no deadline.
   *
   * @throws IllegalStateException if no loop is running
   * @throws IllegalArgumentException if {@code delay} is NaN
   */
  public static Timeout timeout(double delay) {
    if (Double.isNaN(delay)) {
      throw new IllegalArgumentException("timeout: the delay is NaN");
    }
    if (delay == Double.POSITIVE_INFINITY) {
      return new Timeout(null);
    }
    return new Timeout(EventLoop.requireRunning("timeout").time() + delay);
  }

  /**
   * {@link #timeout(double)} with a {@link Duration}; null means no deadline (Python's {@code
   * timeout(None)}).
   */
  public static Timeout timeout(Duration delay) {
    return delay == null ? new Timeout(null) : timeout(seconds(delay));
  }

  /**
   * A {@link Timeout} that expires at loop time {@code when} ({@link EventLoop#time()}). Python's
   * {@code asyncio.timeout_at(when)}.
   *
   * @throws IllegalArgumentException if {@code when} is NaN
   */
  public static Timeout timeoutAt(double when) {
    return new Timeout(when);
  }

  /**
   * {@link #timeoutAt(double)} where null means no deadline (Python's {@code timeout_at(None)}).
   *
   * @throws IllegalArgumentException if {@code when} is NaN
   */
  public static Timeout timeoutAt(Double when) {
    return new Timeout(when);
  }

  // ---------------------------------------------------------------------------------------------
  // Threads and JDK futures.

  /**
   * A coroutine that runs {@code fn} on the loop's default thread pool, keeping the loop free, and
   * completes with its result. Python's {@code asyncio.to_thread}.
   */
  public static <T> Coroutine<T> toThread(Callable<T> fn) {
    Objects.requireNonNull(fn, "fn");
    return new ToThread<>(fn);
  }

  /**
   * A future of the running loop that completes, on the loop thread, when {@code stage} completes.
   * Python's {@code asyncio.wrap_future}.
   */
  public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
    Objects.requireNonNull(stage, "stage");
    return StageFuture.wrap(EventLoop.requireRunning("wrapFuture"), stage);
  }

  /**
   * The future for {@code awaitable}: a future or task as it is, a coroutine wrapped in a new task
   * of the running loop. Python's {@code asyncio.ensure_future}.
   */
  public static <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
    Objects.requireNonNull(awaitable, "awaitable");
    if (awaitable instanceof Future) {
      return (Future<T>) awaitable;
    }
    return createTask((Coroutine<T>) awaitable);
  }

  // ---------------------------------------------------------------------------------------------
  // Streams and subprocesses.

  /**
   * Opens a TCP connection to {@code host}:{@code port} and returns its reader and writer.
   * Python's {@code asyncio.open_connection}. An IP literal connects at once; a host name is
   * resolved on the loop's executor and each of its addresses is tried in turn. A refused
   * connection throws {@link java.net.ConnectException}; cancelling the awaiting task abandons the
   * attempt and closes the socket.
   */
  public static Coroutine<Connection> openConnection(String host, int port) {
    return new Streams.OpenConnection(host, port, StreamReader.DEFAULT_LIMIT);
  }

  /** {@link #openConnection(String, int)} with the reader's buffer limit in bytes. */
  public static Coroutine<Connection> openConnection(String host, int port, int limit) {
    return new Streams.OpenConnection(host, port, limit);
  }

  /**
   * Starts a TCP server on {@code host}:{@code port} (port 0 picks a free port, see {@link
   * Server#sockets()}; a null host listens on every interface) that runs {@code handler} as a new
   * task for each connection. Python's {@code asyncio.start_server}: the server accepts
   * connections as soon as this completes; {@link Server#serveForever()} only waits.
   */
  public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port) {
    return new Streams.StartServer(handler, host, port, StreamReader.DEFAULT_LIMIT);
  }

  /** {@link #startServer(ConnectionHandler, String, int)} with the readers' buffer limit. */
  public static Coroutine<Server> startServer(
      ConnectionHandler handler, String host, int port, int limit) {
    return new Streams.StartServer(handler, host, port, limit);
  }

  /**
   * Opens a TLS connection to {@code host}:{@code port}: completes once the handshake is done,
   * with the server's certificate checked against {@code ssl}'s trust managers and its name
   * against {@code host} (Python's {@code open_connection(host, port, ssl=context)}). A failed
   * handshake throws its {@link javax.net.ssl.SSLException}. {@code writeEof()} is not available
   * on TLS connections, and {@code getExtraInfo} adds {@code "sslsession"}, {@code "cipher"} and
   * {@code "peercert"}.
   */
  public static Coroutine<Connection> openConnection(
      String host, int port, javax.net.ssl.SSLContext ssl) {
    return new Streams.OpenConnection(host, port, ssl);
  }

  /**
   * Starts a TLS server: each connection's handler starts once its handshake is done (a client
   * whose handshake fails is closed without reaching the handler). Python's {@code
   * start_server(..., ssl=context)}.
   */
  public static Coroutine<Server> startServer(
      ConnectionHandler handler, String host, int port, javax.net.ssl.SSLContext ssl) {
    return new Streams.StartServer(handler, host, port, ssl);
  }

  /**
   * Opens a connection to the Unix domain socket at {@code path}. Python's {@code
   * asyncio.open_unix_connection}. A path nobody listens on raises {@link
   * java.net.ConnectException}.
   */
  public static Coroutine<Connection> openUnixConnection(java.nio.file.Path path) {
    return new Streams.OpenConnection(path, StreamReader.DEFAULT_LIMIT);
  }

  /**
   * Starts a server on the Unix domain socket at {@code path}: a socket file left there by an
   * earlier server is replaced, and the file is removed when the server closes. Python's {@code
   * asyncio.start_unix_server}. {@link Server#addresses()} lists the socket.
   */
  public static Coroutine<Server> startUnixServer(
      ConnectionHandler handler, java.nio.file.Path path) {
    return new Streams.StartServer(handler, path, StreamReader.DEFAULT_LIMIT);
  }

  /**
   * Starts {@code cmd} as a subprocess whose stdin, stdout and stderr are pipes, exposed as a
   * {@link StreamWriter} and {@link StreamReader}s. Python's {@code
   * asyncio.create_subprocess_exec(*cmd, stdin=PIPE, stdout=PIPE, stderr=PIPE)}.
   */
  public static Coroutine<Subprocess> createSubprocessExec(String... cmd) {
    Objects.requireNonNull(cmd, "cmd");
    if (cmd.length == 0) {
      throw new IllegalArgumentException("createSubprocessExec: the command is empty");
    }
    return Subprocess.start(new ProcessBuilder(cmd));
  }

  /**
   * Starts the process {@code builder} describes (directory, environment, redirects). The streams
   * whose redirect is {@link ProcessBuilder.Redirect#PIPE} (the default) are exposed; the others
   * are null.
   */
  public static Coroutine<Subprocess> createSubprocessExec(ProcessBuilder builder) {
    Objects.requireNonNull(builder, "builder");
    return Subprocess.start(builder);
  }

  /**
   * Runs {@code command} through the system shell ({@code /bin/sh -c}, or {@code cmd.exe /c} on
   * Windows) with piped streams. Python's {@code asyncio.create_subprocess_shell}. Quote anything
   * that comes from outside the program: the shell interprets the whole string.
   */
  public static Coroutine<Subprocess> createSubprocessShell(String command) {
    Objects.requireNonNull(command, "command");
    boolean windows =
        System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    return Subprocess.start(
        windows
            ? new ProcessBuilder("cmd.exe", "/c", command)
            : new ProcessBuilder("/bin/sh", "-c", command));
  }

  static double seconds(Duration d) {
    Objects.requireNonNull(d, "duration");
    return d.getSeconds() + d.getNano() * 1e-9;
  }

  /** The coroutine of {@link #toThread}: submits on first run, then awaits the executor's future. */
  private static final class ToThread<T> extends Coroutine<T> {
    private final Callable<T> fn;

    ToThread(Callable<T> fn) {
      this.fn = fn;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          if (!await(task.loop.runInExecutor(null, fn), 1)) {
            return;
          }
          // fall through
        case 1:
          complete(awaitResult());
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }

    @Override
    protected String describe() {
      return "toThread(" + fn + ")";
    }
  }
}
