package org.asyncio4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The event loop: Python's {@code asyncio} event loop. One thread runs it; everything on it (the
 * loop, futures, tasks, primitives) is used from that thread only, except {@link
 * #callSoonThreadsafe(Runnable)}, the way in from other threads.
 *
 * <p>Each iteration (Python's {@code _run_once}):
 *
 * <ol>
 *   <li>moves callbacks submitted from other threads to the ready queue;
 *   <li>polls the {@link Selector}: without waiting if callbacks are ready, otherwise until the
 *       next timer is due, first busy-polling for up to {@link #getBusyPoll()} seconds (see {@link
 *       BusyPoll}), then blocking (or, with virtual time, jumps the clock to it when nothing else
 *       can happen);
 *   <li>moves every due timer to the ready queue, in (deadline, scheduling order);
 *   <li>runs the callbacks that were ready at this point, in FIFO order. Callbacks they schedule
 *       run in the next iteration, which is what makes {@code sleep(0)} yield exactly once.
 * </ol>
 *
 * <p>An exception thrown by a callback never stops the loop: it goes to the exception handler.
 */
public final class EventLoop extends ReadyQueue {
  private static final System.Logger LOG = System.getLogger("org.asyncio4j");
  private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();
  private static final long ORIGIN = System.nanoTime();
  /** Timers due within this many seconds of now run in this iteration (Python's clock resolution). */
  private static final double CLOCK_RESOLUTION = 1e-9;
  /** How often an idle loop checks for collected futures with unretrieved exceptions (seconds). */
  private static final double UNRETRIEVED_CHECK_SECONDS = 0.5;

  private final TimerQueue timers = new TimerQueue();
  private final ConcurrentLinkedQueue<Runnable> fromOtherThreads = new ConcurrentLinkedQueue<>();
  /**
   * Set by {@link #callSoonThreadsafe} after adding to {@link #fromOtherThreads}, cleared by the
   * loop before it drains that queue: an iteration with nothing from other threads reads this one
   * field instead of polling the concurrent queue.
   */
  private volatile boolean fromOtherThreadsAdded;
  /**
   * Whether the I/O layer has asked for the selector (to register a channel): until then the loop
   * skips the selector's key-set check on iterations that must not wait.
   */
  private boolean selectorUsed;
  private final Selector selector;
  final UnretrievedExceptions unretrieved = new UnretrievedExceptions(this);
  /**
   * Whether {@link #unretrieved} tracks some exception (kept by it): an iteration with none
   * tested reads this one field instead of the tracker's set.
   */
  boolean unretrievedPending;
  /**
   * How many loops run in debug mode right now, in any thread: while it is 0, creating a coroutine
   * does nothing more (see {@link NeverAwaited}).
   */
  static volatile int debugLoopsRunning;
  /** Whether this loop is counted in {@link #debugLoopsRunning}. */
  private boolean countedAsDebug;
  /** Coroutines created in debug mode and not started yet; created when first needed. */
  private NeverAwaited neverAwaited;
  /** Debug mode: the thread reporting where a blocked loop is stuck; started when first needed. */
  private Watchdog watchdog;

  /**
   * Set while the loop is about to block, or blocks, in the selector: a callback from another
   * thread then wakes the selector ({@link #wakeUp}). Not while the loop busy-polls: the poll sees
   * the callback in the queue, and a wake-up would only make the next select return at once.
   */
  private volatile boolean selecting;
  /** Whether and how long the loop polls before it blocks (see {@link BusyPoll}). */
  private final BusyPoll busyPoll;
  /** How many waits blocked in the selector (for tests: waits that busy polling did not end). */
  long blockedWaits;
  /** How many times another thread woke the blocked selector (for tests). */
  volatile long selectorWakeups;
  private volatile boolean closed;
  private volatile Thread thread;
  private boolean stopping;
  private boolean debug;
  /**
   * Whether an iteration has more to do than take the other threads' callbacks and run the ready
   * ones: debug mode, a stop requested, I/O registered, timers pending, exceptions or never-awaited
   * coroutines to report. Kept in step by {@link #updateUnusual()} wherever one of those changes,
   * so that the common iteration reads this one field instead of each of them (R30 in
   * docs/performance.md).
   */
  private boolean unusual;
  private double slowCallbackDuration;
  private final boolean virtualTime;
  private double virtualNow;
  private long timerSequence;
  private int taskCounter;
  /** Work started on other threads whose completion will come back through callSoonThreadsafe. */
  private final AtomicInteger pendingExternal = new AtomicInteger();

  /**
   * The task whose step is running, or null. A step leaves it set (Task.step): it is cleared before
   * a plain callback runs, before the poll (I/O handlers) and when the loop stops.
   */
  Task<?> currentTask;
  private Task<?> liveHead;
  private int liveCount;

  private BiConsumer<EventLoop, Map<String, Object>> exceptionHandler;
  /** Where debug-mode warnings go; the logger unless a test replaces it. */
  Consumer<String> warningSink = msg -> LOG.log(System.Logger.Level.WARNING, msg);

  private volatile ExecutorService defaultExecutor;
  /** Signal handlers added with addSignalHandler; created on first use. */
  private LoopSignals signals;
  /** I/O objects released by close(); created on first use. */
  private Set<Runnable> ioReleases;

  private EventLoop(RunOptions options) {
    this.debug = options.isDebug();
    this.virtualTime = options.isVirtualTime();
    this.slowCallbackDuration = options.getSlowCallbackDuration();
    this.busyPoll = new BusyPoll(toNanos(options.getBusyPoll()));
    updateUnusual();
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the event loop's selector", e);
    }
  }

  /** A new event loop with default options (not running; run it with {@link #runUntilComplete}). */
  public static EventLoop create() {
    return new EventLoop(RunOptions.create());
  }

  /** A new event loop with the given options. */
  public static EventLoop create(RunOptions options) {
    return new EventLoop(Objects.requireNonNull(options, "options"));
  }

  /** The loop running on this thread, or null. */
  static EventLoop current() {
    return RUNNING.get();
  }

  /** The loop running on this thread; {@link IllegalStateException} naming {@code what} if none. */
  static EventLoop requireRunning(String what) {
    EventLoop loop = RUNNING.get();
    if (loop == null) {
      throw new IllegalStateException(
          "no running event loop: " + what + " must be called from a coroutine or callback running"
              + " on an event loop (start one with Asyncio.run)");
    }
    return loop;
  }

  // ---------------------------------------------------------------------------------------------
  // Time and callbacks.

  /** The loop's clock: monotonic seconds (virtual seconds with virtual time). */
  public double time() {
    return virtualTime ? virtualNow : (System.nanoTime() - ORIGIN) * 1e-9;
  }

  /** Whether this loop runs on virtual time. */
  public boolean isVirtualTime() {
    return virtualTime;
  }

  /** Schedules {@code callback} to run in the next loop iteration, after those already scheduled. */
  public Handle callSoon(Runnable callback) {
    checkThread("callSoon");
    checkNotClosed();
    Handle h = new Handle(callback);
    readyAdd(h);
    return h;
  }

  /** Schedules {@code callback} to run {@code delay} seconds from now. */
  public TimerHandle callLater(double delay, Runnable callback) {
    if (Double.isNaN(delay)) {
      throw new IllegalArgumentException("callLater: delay is NaN");
    }
    return callAt(time() + delay, callback);
  }

  /** Schedules {@code callback} to run at loop time {@code when} (see {@link #time()}). */
  public TimerHandle callAt(double when, Runnable callback) {
    if (Double.isNaN(when)) {
      throw new IllegalArgumentException("callAt: when is NaN");
    }
    Objects.requireNonNull(callback, "callback");
    checkThread("callAt");
    checkNotClosed();
    TimerHandle t = new TimerHandle(this, when, timerSequence++, callback);
    timers.add(t);
    unusual = true;
    return t;
  }

  /**
   * Schedules {@code callback} from any thread, waking the loop if it is waiting. The only method
   * of the loop that other threads may call.
   */
  public Handle callSoonThreadsafe(Runnable callback) {
    checkNotClosed();
    Handle h = new Handle(callback);
    fromOtherThreads.add(h);
    fromOtherThreadsAdded = true; // after the add: the loop clears it before draining
    wakeUp();
    return h;
  }

  /** A new pending future bound to this loop. */
  public <T> Future<T> createFuture() {
    return new Future<>(this);
  }

  /** Wraps {@code coroutine} in a task scheduled on this loop, named {@code Task-N}. */
  public <T> Task<T> createTask(Coroutine<T> coroutine) {
    return createTask(coroutine, null);
  }

  /** Wraps {@code coroutine} in a task scheduled on this loop. */
  public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
    checkThread("createTask");
    checkNotClosed();
    Task<T> t = new Task<>(this, coroutine, name, ++taskCounter);
    Task<?> head = liveHead;
    t.nextLive = head;
    if (head != null) {
      head.prevLive = t;
    }
    liveHead = t;
    liveCount++;
    readyAdd(t);
    return t;
  }

  /**
   * Runs {@code fn} on {@code executor} (the loop's default thread pool if null) and returns a
   * future completed on the loop with its result or exception.
   */
  public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
    Objects.requireNonNull(fn, "fn");
    checkNotClosed();
    Future<T> f = new Future<>(this);
    Executor ex = executor != null ? executor : defaultExecutor();
    beginExternalWork();
    try {
      ex.execute(
          () -> {
            Object value = null;
            Throwable error = null;
            EventLoop outer = JOB_LOOP.get();
            JOB_LOOP.set(this);
            try {
              value = fn.call();
            } catch (Throwable t) {
              error = t;
            } finally {
              JOB_LOOP.set(outer);
            }
            completeFromOtherThread(f, value, error);
          });
    } catch (RejectedExecutionException e) {
      endExternalWork();
      throw e;
    }
    return f;
  }

  /**
   * Completes {@code f} on the loop thread with a value or exception computed on another thread,
   * ending one unit of external work. Does nothing if the loop closed meanwhile.
   */
  void completeFromOtherThread(Future<?> f, Object value, Throwable error) {
    try {
      callSoonThreadsafe(
          () -> {
            endExternalWork();
            if (!f.isDone()) {
              if (error != null) {
                f.finish(null, error);
              } else {
                f.finish(value, null);
              }
            }
          });
    } catch (IllegalStateException closedMeanwhile) {
      // The loop closed: nobody can await the result any more.
    }
  }

  /** Marks work started on another thread that will report back (keeps virtual time from jumping). */
  void beginExternalWork() {
    pendingExternal.incrementAndGet();
  }

  void endExternalWork() {
    pendingExternal.decrementAndGet();
  }

  /**
   * Ends one unit of external work from another thread and wakes the loop, so that a virtual clock
   * held only by that work can move ({@link ThreadsafeResult}: a job waiting for the loop).
   */
  void releaseExternalWork() {
    pendingExternal.decrementAndGet();
    try {
      selector.wakeup(); // unconditionally: the loop may be about to block on the old count
    } catch (ClosedSelectorException ignored) {
      // closed concurrently: nothing to wake
    }
  }

  /** The loop whose executor job ({@link #runInExecutor}) runs on this thread, or null. */
  static EventLoop jobLoopOfCurrentThread() {
    return JOB_LOOP.get();
  }

  /** Set while a {@link #runInExecutor} job runs, for {@link ThreadsafeResult}. */
  private static final ThreadLocal<EventLoop> JOB_LOOP = new ThreadLocal<>();

  // ---------------------------------------------------------------------------------------------
  // Running.

  /**
   * Runs the loop until {@code awaitable} is done and returns its result (or throws its exception).
   * A coroutine is wrapped in a task first. Like {@link #runForever()}, throws {@link
   * CancellationException} if the loop's thread is interrupted while the loop waits.
   */
  public <T> T runUntilComplete(Awaitable<T> awaitable) {
    Objects.requireNonNull(awaitable, "awaitable");
    checkNotClosed();
    if (isRunning()) {
      throw new IllegalStateException("this event loop is already running");
    }
    Future<T> f;
    if (awaitable instanceof Future) {
      f = (Future<T>) awaitable;
      if (f.loop != this) {
        throw new IllegalStateException("the future belongs to a different event loop");
      }
    } else {
      f = createTask((Coroutine<T>) awaitable);
    }
    Consumer<Future<T>> stopWhenDone = x -> stop();
    f.addDoneCallback(stopWhenDone);
    try {
      runForever();
    } finally {
      f.removeDoneCallback(stopWhenDone);
    }
    if (!f.isDone()) {
      throw new IllegalStateException("the event loop stopped before the awaitable completed");
    }
    return f.result();
  }

  /**
   * Runs the loop until {@link #stop()} is called. An interrupt of the loop's thread while the loop
   * waits for something to do ends the run with {@link CancellationException}, keeping the thread's
   * interrupt status (an interrupted thread cannot block in the selector).
   */
  public void runForever() {
    checkNotClosed();
    if (isRunning()) {
      throw new IllegalStateException("this event loop is already running");
    }
    if (RUNNING.get() != null) {
      throw new IllegalStateException("cannot run an event loop while another loop is running on this thread");
    }
    thread = Thread.currentThread();
    RUNNING.set(this);
    updateDebugCount();
    try {
      for (; ; ) {
        // One iteration, written out here: as a method of its own it was compiled on its own in
        // some JVMs (its invocation count reached C2's threshold before this loop's), too big then
        // to be inlined here (a call per iteration, yield 10-13 ns instead of 9).
        int n;
        if (!unusual) {
          // The common iteration: no timers, no I/O, nothing to report, no stop (takeReady()'s
          // steps for that case).
          drainOtherThreads();
          if (readyIsEmpty()) {
            pollAndDrain();
          }
          n = readySize();
        } else if (debug) {
          runOnce(startedWatchdog());
          if (stopping) {
            break;
          }
          continue;
        } else {
          n = takeReady();
        }
        for (int i = 0; i < n; i++) {
          Object cb = readyPoll();
          if (cb instanceof Task) {
            runCallback((Task<?>) cb);
          } else {
            runCallback(cb);
          }
        }
        if (unusual) { // also when this iteration's callbacks made it so
          afterCallbacks();
          if (stopping) {
            break;
          }
        }
      }
    } finally {
      currentTask = null; // left set by the last task step (Task.step)
      stopping = false;
      updateUnusual();
      RUNNING.remove();
      thread = null;
      updateDebugCount();
      Watchdog w = watchdog;
      if (w != null) {
        watchdog = null;
        w.stop();
      }
    }
  }

  /** Recomputes {@link #unusual} after one of its conditions may have ended. */
  void updateUnusual() {
    unusual =
        debug
            || stopping
            || selectorUsed
            || !timers.isEmpty()
            || unretrievedPending
            || neverAwaited != null;
  }

  /** Keeps {@link #debugLoopsRunning} in step with whether this loop runs in debug mode. */
  private void updateDebugCount() {
    boolean counts = debug && thread != null;
    if (counts != countedAsDebug) {
      countedAsDebug = counts;
      synchronized (EventLoop.class) {
        debugLoopsRunning += counts ? 1 : -1;
      }
    }
  }

  /** Creation stack traces of tasks created in debug mode; kept off the task to keep it small. */
  private java.util.WeakHashMap<Task<?>, Throwable> creationSites;

  void recordCreationSite(Task<?> task, Throwable site) {
    if (creationSites == null) {
      creationSites = new java.util.WeakHashMap<>();
    }
    creationSites.put(task, site);
  }

  Throwable creationSite(Task<?> task) {
    return creationSites == null ? null : creationSites.get(task);
  }

  /** The tracker of coroutines never awaited (debug mode), created when first needed. */
  NeverAwaited neverAwaited() {
    NeverAwaited n = neverAwaited;
    if (n == null) {
      neverAwaited = n = new NeverAwaited(this);
      unusual = true;
    }
    return n;
  }

  /**
   * Stops the loop after the current iteration. From another thread while the loop runs, the stop
   * is handed to the loop's thread, as {@code callSoonThreadsafe(loop::stop)} would (which also
   * wakes a loop waiting for I/O or a timer); it then stops after the iteration that takes it.
   */
  public void stop() {
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        callSoonThreadsafe(this::stop);
      } catch (IllegalStateException closedMeanwhile) {
        // nothing left to stop
      }
      return;
    }
    stopping = true;
    unusual = true;
  }

  /** Whether the loop is running (on some thread). */
  public boolean isRunning() {
    return thread != null;
  }

  /** The thread running the loop, or null when it is not running. */
  Thread thread() {
    return thread;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the loop: drops pending callbacks and timers, reports each task that is still pending
   * ({@code "Task was destroyed but it is pending!"}: its remaining code, finally blocks included,
   * will never run) and each exception nobody retrieved, shuts down the default executor without
   * waiting, and releases the selector. Idempotent. {@link Asyncio#run} cancels and awaits the
   * remaining tasks before closing, so it never reports pending tasks.
   */
  public void close() {
    if (isRunning()) {
      throw new IllegalStateException("cannot close a running event loop");
    }
    if (closed) {
      return;
    }
    closed = true;
    readyClear();
    timers.clear();
    updateUnusual();
    fromOtherThreads.clear();
    for (Task<?> t : liveTasks()) {
      Map<String, Object> ctx =
          context(
              "Task was destroyed but it is pending!: the event loop closed while task '"
                  + t.getName()
                  + "' was still running, so the rest of it (finally blocks included) will never"
                  + " run. Cancel and await tasks before closing the loop (Asyncio.run does).",
              null);
      ctx.put("task", t);
      callExceptionHandler(ctx);
    }
    unretrieved.reportAll();
    if (neverAwaited != null) {
      neverAwaited.reportAll();
    }
    ExecutorService ex = defaultExecutor;
    if (ex != null) {
      ex.shutdown();
    }
    closeIo();
    try {
      selector.close();
    } catch (IOException e) {
      callExceptionHandler(context("error closing the event loop's selector", e));
    }
  }

  /**
   * The start of an iteration: takes the other threads' callbacks, polls if needed, moves due
   * timers; returns how many callbacks this iteration runs (those ready now).
   */
  private int takeReady() {
    drainOtherThreads();
    if (readyIsEmpty() && !stopping || selectorUsed) {
      pollAndDrain(); // out of line: keeps this method small to inline
    }
    if (!timers.isEmpty()) {
      moveDueTimers();
    }
    return readySize();
  }

  /** The end of an iteration: reports collected unretrieved exceptions and never-awaited ones. */
  private void afterCallbacks() {
    if (unretrievedPending) {
      unretrieved.poll();
    }
    if (neverAwaited != null) {
      neverAwaited.poll();
    }
  }

  /**
   * Polls the selector (I/O handlers run here) and takes the other threads' callbacks again:
   * without waiting if callbacks are ready, otherwise until the next timer is due or without limit.
   * Skipped without channels while callbacks are ready: the poll would return at once (what other
   * threads add meanwhile is taken next iteration).
   */
  private void pollAndDrain() {
    double timeout; // seconds; negative means wait without limit
    if (!readyIsEmpty() || stopping) {
      timeout = 0;
    } else if (!timers.isEmpty()) {
      timeout = Math.max(0, timers.peek().when - time());
    } else {
      timeout = -1;
    }
    if (timeout == 0 && !selectorUsed) {
      return; // a timer is due now: the poll would return at once
    }
    currentTask = null; // left set by the last task step (Task.step): I/O handlers run outside it
    poll(timeout);
    drainOtherThreads();
  }

  /** The debug-mode watchdog, started when first needed. */
  private Watchdog startedWatchdog() {
    Watchdog w = watchdog;
    if (w == null) {
      watchdog = w = Watchdog.start(this);
    }
    return w;
  }

  /** One iteration in debug mode: with the watchdog {@code w} and the slow-callback reports. */
  private void runOnce(Watchdog w) {
    int n = takeReady();
    for (int i = 0; i < n; i++) {
      Object cb = readyPoll();
      Task<?> task = cb instanceof Task ? (Task<?>) cb : null;
      Coroutine<?> resumed = task == null ? null : task.currentCoroutine();
      int resumedLabel = resumed == null ? 0 : resumed.label;
      Coroutine<?> resumedCaller = resumed == null ? null : resumed.caller;
      int callerLabel = resumedCaller == null ? 0 : resumedCaller.label;
      boolean first = task != null && !task.started();
      long start = System.nanoTime();
      w.begin(cb, start);
      runCallback(cb);
      w.end();
      double took = (System.nanoTime() - start) * 1e-9;
      if (took >= slowCallbackDuration) {
        String report =
            String.format(
                Locale.ROOT, "Executing %s took %.3f seconds", describeCallback(cb), took);
        if (resumed != null) {
          report +=
              slowStepDetail(task, first, resumed, resumedLabel, resumedCaller, callerLabel);
        }
        warningSink.accept(report);
      }
    }
    afterCallbacks();
  }

  /** Moves every due timer to the ready queue, in (deadline, scheduling order). */
  private void moveDueTimers() {
    double end = virtualTime ? virtualNow : time() + CLOCK_RESOLUTION;
    TimerHandle t;
    while ((t = timers.peek()) != null && t.when <= end) {
      timers.poll();
      readyAdd(t);
    }
    if (timers.isEmpty()) {
      updateUnusual();
    }
  }



  /**
   * Where a slow task step ran, in the user's source: {@code ": resumed at
   * demo.Main.work(Main.java:20), now at demo.Main.work(Main.java:24)"}. The resumed coroutine's
   * own frame, or its caller's when it is a runtime leaf without a line (a sleep that ended).
   */
  private static String slowStepDetail(
      Task<?> task,
      boolean first,
      Coroutine<?> resumed,
      int resumedLabel,
      Coroutine<?> caller,
      int callerLabel) {
    StackTraceElement from = frameAt(resumed, resumedLabel);
    if (from.getLineNumber() < 0 && caller != null) {
      StackTraceElement c = frameAt(caller, callerLabel);
      if (c.getLineNumber() >= 0) {
        from = c;
      }
    }
    String end =
        task.isDone() ? "it finished" : "now at " + TaskDump.userFrame(task.currentCoroutine());
    return (first ? ": started at " : ": resumed at ") + from + ", " + end;
  }

  private static StackTraceElement frameAt(Coroutine<?> c, int label) {
    try {
      StackTraceElement e = c.sourceFrame(label);
      if (e != null) {
        return e;
      }
    } catch (RuntimeException ignored) {
      // fall back to the class
    }
    return new StackTraceElement(c.getClass().getName(), "resume", null, -1);
  }

  /**
   * A task's step, for an iteration outside debug mode ({@link #runForever}). Its own method, not {@link #runCallback(Object)}'s
   * branch: C2 inlines {@code Task.step()} into the loop only where the call is frequent next to its
   * caller's invocations, and the profile of a method shared with plain callbacks (a million timer
   * callbacks, say) can make it look rare ("already compiled into a medium method": not inlined in
   * about one JVM in five). Same name as the general one: stack traces through the loop read the same.
   */
  private void runCallback(Task<?> task) {
    try {
      task.step(); // sets currentTask, and leaves it set for the next step
    } catch (Throwable t) {
      currentTask = null;
      callbackFailed(task, t);
    }
  }

  private void runCallback(Object cb) {
    try {
      if (cb instanceof Task) {
        ((Task<?>) cb).step(); // sets currentTask, and leaves it set for the next step
      } else {
        currentTask = null; // a plain callback runs outside any task
        ((Runnable) cb).run();
      }
    } catch (Throwable t) {
      currentTask = null;
      callbackFailed(cb, t);
    }
  }

  private void callbackFailed(Object cb, Throwable t) {
    Map<String, Object> ctx = context("Exception in callback " + describeCallback(cb), t);
    if (cb instanceof Task) {
      ctx.put("task", cb);
    } else {
      ctx.put("handle", cb);
      if (cb instanceof DoneCallback) {
        ctx.put("future", ((DoneCallback<?>) cb).future);
      }
    }
    callExceptionHandler(ctx);
  }

  private static String describeCallback(Object cb) {
    return String.valueOf(cb);
  }

  private void drainOtherThreads() {
    if (!fromOtherThreadsAdded) {
      return;
    }
    // Cleared before polling: a callback added after a poll that missed it sets it again.
    fromOtherThreadsAdded = false;
    Runnable r;
    while ((r = fromOtherThreads.poll()) != null) {
      readyAdd(r);
    }
  }

  /** Waits for I/O, a wake-up from another thread, or {@code timeout} seconds (negative: no limit). */
  private void poll(double timeout) {
    boolean hasIo = selectorUsed && !selector.keys().isEmpty();
    if (timeout == 0) {
      if (hasIo) {
        selectNow();
      }
      return;
    }
    if (virtualTime) {
      if (hasIo && selectNow() > 0) {
        return;
      }
      if (pendingExternal.get() == 0
          && fromOtherThreads.isEmpty()
          && !timers.isEmpty()
          && timers.peek().when != Double.POSITIVE_INFINITY) {
        virtualNow = Math.max(virtualNow, timers.peek().when);
        return;
      }
      // Work on other threads (or nothing at all) can wake us: wait for it in real time.
      block(unretrievedCheckInterval(-1));
      return;
    }
    block(unretrievedCheckInterval(timeout));
  }

  /**
   * While exceptions nobody retrieved are tracked, an idle loop wakes at least every {@link
   * #UNRETRIEVED_CHECK_SECONDS} to report the ones whose futures were garbage-collected.
   */
  private double unretrievedCheckInterval(double timeout) {
    if (!unretrievedPending) {
      return timeout;
    }
    return timeout < 0 ? UNRETRIEVED_CHECK_SECONDS : Math.min(timeout, UNRETRIEVED_CHECK_SECONDS);
  }

  private int selectNow() {
    try {
      int n = selector.selectNow();
      if (n > 0) {
        processSelectedKeys();
      }
      return n;
    } catch (IOException e) {
      callExceptionHandler(context("selector failure", e));
      return 0;
    }
  }

  /**
   * Waits at most {@code timeout} seconds (negative: without limit) for I/O or another thread's
   * callback, processing the selected keys: polls first for as long as {@link #busyPoll} says, then
   * blocks in the selector for the rest.
   */
  private void block(double timeout) {
    try {
      long start = System.nanoTime();
      long timeoutNanos = timeout < 0 ? -1 : (long) Math.ceil(timeout * 1e9);
      // While the loop polls, other threads do not wake the selector (selecting is false): the
      // poll sees their callbacks in the queue.
      long pollNanos = fromOtherThreads.isEmpty() ? busyPoll.pollNanos(timeoutNanos) : 0;
      if (pollNanos > 0) {
        boolean io = selectorUsed && !selector.keys().isEmpty();
        // Polled until a timer is due: no blocking, unless interrupted (the select reports it).
        boolean ended =
            pollUntil(start + pollNanos, io)
                || pollNanos == timeoutNanos && !Thread.currentThread().isInterrupted();
        if (ended) {
          busyPoll.waited(System.nanoTime() - start);
          return;
        }
        if (timeoutNanos >= 0) {
          timeout -= pollNanos / 1e9;
        }
      }
      selecting = true; // from here on a callback from another thread wakes the selector (wakeUp)
      if (!fromOtherThreads.isEmpty()) {
        selectNow(); // one came before the flag was seen
        return;
      }
      blockedWaits++;
      int n;
      if (timeout < 0) {
        n = selector.select();
      } else {
        long ms = (long) Math.ceil(timeout * 1000);
        n = ms <= 0 ? selector.selectNow() : selector.select(ms);
      }
      busyPoll.waited(System.nanoTime() - start);
      if (n > 0) {
        processSelectedKeys();
      }
      if (n == 0 && Thread.currentThread().isInterrupted()) {
        // select() returns at once on an interrupted thread: waiting again would spin forever.
        throw new CancellationException(
            "the event loop's thread was interrupted while the loop waited: the loop stops (the"
                + " thread's interrupt status is kept)");
      }
    } catch (IOException e) {
      callExceptionHandler(context("selector failure", e));
    } finally {
      selecting = false;
    }
  }

  /**
   * Busy polling: polls the selector (if {@code io}) and the other threads' queue until one has
   * something or the clock reaches {@code deadline} (a {@link System#nanoTime()}); true if
   * something came (the selected keys are processed). Between polls the thread yields its CPU: a
   * thread waiting for that CPU runs first (the work the loop waits for may come from it), and a
   * yield that took long says so ({@link BusyPoll#contended}): then the loop stops polling.
   */
  private boolean pollUntil(long deadline, boolean io) throws IOException {
    for (boolean contended = false; ; ) {
      if (io && selector.selectNow() > 0) {
        processSelectedKeys();
        return true;
      }
      if (!fromOtherThreads.isEmpty()) {
        return true;
      }
      long now = System.nanoTime();
      if (contended || now - deadline >= 0 || Thread.currentThread().isInterrupted()) {
        return false; // interrupted: the select that follows returns at once and says so
      }
      Thread.yield();
      if (System.nanoTime() - now > busyPoll.contendedNanos()) {
        busyPoll.contended();
        contended = true; // poll once more: what the other thread did may be what the loop waits for
      }
    }
  }

  private static long toNanos(double seconds) {
    return seconds >= Long.MAX_VALUE / 1e9 ? Long.MAX_VALUE : (long) Math.ceil(seconds * 1e9);
  }

  private void processSelectedKeys() {
    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
    while (it.hasNext()) {
      SelectionKey key = it.next();
      it.remove();
      Object att = key.attachment();
      if (att instanceof IoHandler && key.isValid()) {
        if (debug) {
          runIoHandlerDebug((IoHandler) att, key);
        } else {
          runIoHandler((IoHandler) att, key);
        }
      }
    }
  }

  private void runIoHandler(IoHandler h, SelectionKey key) {
    try {
      h.onReady(key);
    } catch (Throwable t) {
      callExceptionHandler(context("Exception in I/O handler " + h, t));
    }
  }

  /**
   * Debug mode: an I/O handler runs inside the selector poll, outside the ready queue: the watchdog
   * watches it as it watches callbacks, and a slow one is reported with the tasks it woke or
   * started (the tasks it added to the ready queue).
   */
  private void runIoHandlerDebug(IoHandler h, SelectionKey key) {
    int ops;
    try {
      ops = key.readyOps();
    } catch (java.nio.channels.CancelledKeyException e) {
      return;
    }
    Task<?> resumes;
    try {
      resumes = h.resumes();
    } catch (RuntimeException e) {
      resumes = null;
    }
    Watchdog w = watchdog;
    if (w == null) {
      watchdog = w = Watchdog.start(this);
    }
    int readyBefore = readySize();
    long start = System.nanoTime();
    w.beginIo(h, ops, resumes, start);
    runIoHandler(h, key);
    w.end();
    double took = (System.nanoTime() - start) * 1e-9;
    if (took >= slowCallbackDuration) {
      StringBuilder sb =
          new StringBuilder("Executing ")
              .append(Watchdog.describeIo(h, ops, resumes))
              .append(String.format(Locale.ROOT, " took %.3f seconds", took));
      int added = readySize() - readyBefore;
      if (added > 0) {
        String sep = ": ";
        for (int i = added - 1; i >= 0; i--) {
          Object cb = readyFromNewest(i);
          if (cb instanceof Task) {
            Task<?> t = (Task<?>) cb;
            sb.append(sep).append(t.started() ? "woke " : "started ").append(Watchdog.taskAt(t));
            sep = ", ";
          }
        }
      }
      warningSink.accept(sb.toString());
    }
  }

  private void wakeUp() {
    if (selecting) {
      selectorWakeups++; // racy between several threads: a count for tests
      try {
        selector.wakeup();
      } catch (ClosedSelectorException ignored) {
        // closed concurrently: nothing to wake
      }
    }
  }

  /** The selector, for the I/O layer: register channels with an {@link IoHandler} attachment. */
  Selector selector() {
    selectorUsed = true;
    unusual = true;
    return selector;
  }

  // ---------------------------------------------------------------------------------------------
  // Signals and I/O resources.

  /**
   * Runs {@code callback} on this loop whenever the process receives {@code signal} ({@code
   * "SIGINT"}, {@code "SIGTERM"}, {@code "SIGHUP"}, ...; the {@code SIG} prefix is optional).
   * Python's {@code loop.add_signal_handler}. The JVM's signal thread only hands the callback to
   * the loop ({@link #callSoonThreadsafe}); adding a handler for a signal that has one replaces
   * the callback. The previous handler comes back with {@link #removeSignalHandler} or when the
   * loop closes.
   *
   * @throws IllegalArgumentException if the JVM does not let the signal be handled (unknown,
   *     reserved such as SIGQUIT, or {@code -Xrs})
   * @throws UnsupportedOperationException if the JVM has no {@code sun.misc.Signal}
   */
  public void addSignalHandler(String signal, Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    checkNotClosed();
    if (signals == null) {
      signals = new LoopSignals(this);
    }
    signals.add(signal, callback);
  }

  /**
   * Removes the handler of {@code signal} added with {@link #addSignalHandler}, restoring the one
   * it replaced. Returns false if there was none.
   */
  public boolean removeSignalHandler(String signal) {
    LoopSignals s = signals;
    return s != null && s.remove(signal);
  }

  /** Registers an I/O object to release when the loop closes (a subprocess still running). */
  void addIoRelease(Runnable release) {
    if (ioReleases == null) {
      ioReleases = new LinkedHashSet<>();
    }
    ioReleases.add(release);
  }

  /** The I/O object no longer needs releasing (the subprocess exited). */
  void removeIoRelease(Runnable release) {
    if (ioReleases != null) {
      ioReleases.remove(release);
    }
  }

  /**
   * On close: restores the signal handlers this loop installed, releases the I/O objects that
   * asked for it (subprocesses still running are killed) and closes the channels still registered
   * with its selector (servers and connections left open), which nothing could serve any more.
   */
  private void closeIo() {
    LoopSignals s = signals;
    if (s != null) {
      s.removeAll();
    }
    if (ioReleases != null) {
      for (Runnable r : ioReleases.toArray(new Runnable[0])) {
        try {
          r.run();
        } catch (Throwable t) {
          callExceptionHandler(context("error releasing " + r + " with the event loop", t));
        }
      }
      ioReleases.clear();
    }
    for (SelectionKey key : selector.keys().toArray(new SelectionKey[0])) {
      try {
        key.channel().close();
      } catch (IOException e) {
        callExceptionHandler(context("error closing " + key.channel() + " with the event loop", e));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Tasks.

  /** Schedules the next step of a task that yielded (Task.yieldOnce). */
  void scheduleTask(Task<?> task) {
    readyAdd(task);
  }

  /** Schedules a runtime object's own callback (a queue's woken waiter) without a handle. */
  void scheduleRunnable(Runnable callback) {
    if (!closed) {
      readyAdd(callback);
    }
  }

  /** Schedules a done callback of {@code future}: a task to wake or a Consumer to call. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  void scheduleCallback(Future<?> future, Object callback) {
    if (closed) {
      return;
    }
    if (callback instanceof Task) {
      readyAdd(callback);
    } else {
      scheduleDoneCallback(future, (Consumer) callback); // out of line: keeps this one small
    }
  }

  private <T> void scheduleDoneCallback(Future<T> future, Consumer<? super Future<T>> callback) {
    readyAdd(new DoneCallback<>(future, callback));
  }

  void taskDone(Task<?> t) {
    Task<?> prev = t.prevLive;
    Task<?> next = t.nextLive;
    if (prev != null) {
      prev.nextLive = next;
    } else if (liveHead == t) {
      liveHead = next;
    } else {
      return; // not linked
    }
    if (next != null) {
      next.prevLive = prev;
    }
    t.prevLive = null;
    t.nextLive = null;
    liveCount--;
  }

  /** The tasks of this loop that are not done yet, oldest first. */
  Set<Task<?>> liveTasks() {
    Task<?>[] tasks = new Task<?>[liveCount];
    int i = liveCount;
    for (Task<?> t = liveHead; t != null && i > 0; t = t.nextLive) {
      tasks[--i] = t;
    }
    Set<Task<?>> set = new LinkedHashSet<>();
    for (Task<?> t : tasks) {
      if (t != null) {
        set.add(t);
      }
    }
    return Collections.unmodifiableSet(set);
  }

  private void removeTimer(TimerHandle t) {
    timers.remove(t);
    if (timers.isEmpty()) {
      updateUnusual();
    }
  }

  void timerCancelled(TimerHandle t) {
    if (thread == null || Thread.currentThread() == thread) {
      removeTimer(t);
    } else {
      try {
        callSoonThreadsafe(() -> removeTimer(t));
      } catch (IllegalStateException closedMeanwhile) {
        // nothing to remove from
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Executor, debug, exception handling.

  ExecutorService defaultExecutor() {
    ExecutorService ex = defaultExecutor;
    if (ex == null) {
      synchronized (this) {
        ex = defaultExecutor;
        if (ex == null) {
          int max = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
          ThreadPoolExecutor pool =
              new ThreadPoolExecutor(
                  max, max, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new DaemonFactory());
          pool.allowCoreThreadTimeOut(true);
          defaultExecutor = ex = pool;
        }
      }
    }
    return ex;
  }

  /**
   * Shuts down the default executor and waits (at most {@code timeoutSeconds}) for running jobs:
   * {@link Asyncio#run} calls it on exit.
   */
  void shutdownDefaultExecutor(double timeoutSeconds) {
    ExecutorService ex = defaultExecutor;
    if (ex == null) {
      return;
    }
    ex.shutdown();
    try {
      if (!ex.awaitTermination((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
        warningSink.accept(
            "the default executor did not finish its jobs within " + timeoutSeconds + " seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether debug mode is on. */
  public boolean getDebug() {
    return debug;
  }

  /**
   * Turns debug mode on or off: slow callbacks are reported with the source lines they ran between,
   * a watchdog thread reports a callback still blocking the loop with the loop thread's stack,
   * coroutines created from now on and never awaited are reported with their creation site, tasks
   * created from now on record where they were created, and loop methods called from the wrong
   * thread fail.
   */
  public void setDebug(boolean debug) {
    this.debug = debug;
    Thread t = thread;
    if (t == Thread.currentThread()) {
      updateDebugCount();
      updateUnusual();
    } else if (t == null) {
      updateUnusual();
    } else {
      try {
        callSoonThreadsafe(this::updateUnusual); // the loop's thread sees the new mode from there
      } catch (IllegalStateException closedMeanwhile) {
        // not running any more
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Task dumps.

  /**
   * A printable dump of this loop's live tasks: for each, its name, its state and what it waits
   * for (a task, a gather's children, a sleep with the time left, a future), its await chain
   * innermost first with one source frame per coroutine, and the tasks awaiting it; then the await
   * tree, each task under the tasks that await it (Python 3.14's {@code asyncio ps}/{@code
   * pstree}). Call it on the loop's thread, or while the loop is not running; from another thread
   * use {@link #dumpTasksThreadsafe()}.
   *
   * @throws IllegalStateException if the loop runs on another thread
   */
  public String dumpTasks() {
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      throw new IllegalStateException(
          "dumpTasks() called from thread '" + Thread.currentThread().getName() + "' while the"
              + " event loop runs on '" + t.getName() + "': use dumpTasksThreadsafe()");
    }
    return TaskDump.of(this);
  }

  /**
   * {@link #dumpTasks()} from any thread: the dump is made on the loop's thread at its next
   * iteration (at once if the loop is not running). The returned future never completes while a
   * callback blocks the loop; give {@code get} a timeout.
   */
  public CompletableFuture<String> dumpTasksThreadsafe() {
    CompletableFuture<String> cf = new CompletableFuture<>();
    Thread t = thread;
    if (t == null || t == Thread.currentThread()) {
      cf.complete(TaskDump.of(this));
      return cf;
    }
    callSoonThreadsafe(
        () -> {
          try {
            cf.complete(TaskDump.of(this));
          } catch (Throwable e) {
            cf.completeExceptionally(e);
          }
        });
    return cf;
  }

  /** The busy-poll policy, for tests. */
  BusyPoll busyPoll() {
    return busyPoll;
  }

  /**
   * How long, in seconds, the loop polls for I/O and other threads' callbacks before it blocks when
   * it has nothing to run (0: it blocks at once). See {@link RunOptions#busyPoll}.
   */
  public double getBusyPoll() {
    return busyPoll.budgetNanos() / 1e9;
  }

  /**
   * Sets how long the loop polls before it blocks when it has nothing to run, in seconds (0 turns
   * busy polling off). Call it on the loop's thread or while the loop is not running. See {@link
   * RunOptions#busyPoll}.
   *
   * @throws IllegalArgumentException if {@code seconds} is negative or not a number
   */
  public void setBusyPoll(double seconds) {
    busyPoll.setBudgetNanos(toNanos(RunOptions.checkBusyPoll(seconds)));
  }

  /** In debug mode, callbacks running longer than this many seconds are reported. */
  public double getSlowCallbackDuration() {
    return slowCallbackDuration;
  }

  /** Sets the debug-mode threshold of {@link #getSlowCallbackDuration()}, in seconds (>= 0). */
  public void setSlowCallbackDuration(double seconds) {
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException("slowCallbackDuration must be >= 0 seconds, got " + seconds);
    }
    this.slowCallbackDuration = seconds;
  }

  /**
   * Sets the handler of exceptions that nothing else can handle: a callback that threw, a task
   * exception never retrieved. It receives the loop and a context map with Python's keys ({@code
   * "message"}, {@code "exception"}, {@code "task"}, {@code "future"}, {@code "handle"}). Null
   * restores the default, which logs through {@link System.Logger} ({@code org.asyncio4j}).
   */
  public void setExceptionHandler(BiConsumer<EventLoop, Map<String, Object>> handler) {
    this.exceptionHandler = handler;
  }

  /** The handler set with {@link #setExceptionHandler}, or null for the default one. */
  public BiConsumer<EventLoop, Map<String, Object>> getExceptionHandler() {
    return exceptionHandler;
  }

  /** Passes {@code context} to the exception handler (the default one logs it). */
  public void callExceptionHandler(Map<String, Object> context) {
    BiConsumer<EventLoop, Map<String, Object>> h = exceptionHandler;
    if (h == null) {
      defaultExceptionHandler(context);
      return;
    }
    try {
      h.accept(this, context);
    } catch (Throwable t) {
      Map<String, Object> ctx = context("Unhandled error in exception handler", t);
      ctx.put("context", context);
      defaultExceptionHandler(ctx);
    }
  }

  /** The default handler: logs the message and exception at ERROR level. */
  public void defaultExceptionHandler(Map<String, Object> context) {
    Object message = context.getOrDefault("message", "Unhandled exception in event loop");
    Object exc = context.get("exception");
    StringBuilder sb = new StringBuilder(String.valueOf(message));
    for (Map.Entry<String, Object> e : context.entrySet()) {
      if (!e.getKey().equals("message") && !e.getKey().equals("exception")) {
        sb.append('\n').append(e.getKey()).append(": ").append(e.getValue());
      }
    }
    if (exc instanceof Throwable) {
      LOG.log(System.Logger.Level.ERROR, sb.toString(), (Throwable) exc);
    } else {
      LOG.log(System.Logger.Level.ERROR, sb.toString());
    }
  }

  static Map<String, Object> context(String message, Throwable exception) {
    Map<String, Object> ctx = new HashMap<>();
    ctx.put("message", message);
    if (exception != null) {
      ctx.put("exception", exception);
    }
    return ctx;
  }

  private void checkNotClosed() {
    if (closed) {
      throw new IllegalStateException("the event loop is closed");
    }
  }

  private void checkThread(String what) {
    if (debug) {
      Thread t = thread;
      if (t != null && t != Thread.currentThread()) {
        throw new IllegalStateException(
            what + "() called from thread '" + Thread.currentThread().getName() + "', not the"
                + " event loop's thread '" + t.getName() + "': use callSoonThreadsafe");
      }
    }
  }

  @Override
  public String toString() {
    return "<EventLoop running=" + isRunning() + " closed=" + closed + " debug=" + debug
        + (virtualTime ? " virtualTime" : "") + ">";
  }

  /** A done callback bound to its future, scheduled on the ready queue. */
  private static final class DoneCallback<T> implements Runnable {
    private final Future<T> future;
    private final Consumer<? super Future<T>> callback;

    DoneCallback(Future<T> future, Consumer<? super Future<T>> callback) {
      this.future = future;
      this.callback = callback;
    }

    @Override
    public void run() {
      callback.accept(future);
    }

    @Override
    public String toString() {
      return "<done callback " + callback + " of " + future + ">";
    }
  }

  private static final class DaemonFactory implements ThreadFactory {
    private final AtomicInteger n = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "asyncio4j-executor-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
