package org.asyncio4j;

/**
 * A coroutine scheduled to run on the event loop: Python's {@code asyncio.Task}.
 *
 * <p>A task runs its coroutine in steps. Each step resumes the innermost running coroutine of the
 * task's await chain and continues until that chain suspends on a pending {@link Future} (the
 * task is woken when it is done) or yields to the loop ({@code sleep(0)}). Awaiting a coroutine
 * pushes it onto the chain; a coroutine that completes pops back to its caller, in the same step.
 * This loop is the trampoline that keeps the Java stack flat however deep the await chain is.
 *
 * <p>Cancellation follows asyncio: {@link #cancel(String)} cancels the future the task waits on
 * (the {@link CancelledError} then surfaces at the task's current await) or, if the task is ready
 * to run, throws a {@code CancelledError} into it at its next step. A task that catches the error
 * and returns normally is not cancelled. {@link #cancelling()} counts the requests not yet
 * withdrawn with {@link #uncancel()}.
 *
 * <p>The loop holds a strong reference to every task until it is done.
 *
 * @param <T> the type of the result
 */
public final class Task<T> extends Future<T> {
  private final Coroutine<T> coroutine;
  private final int number;
  private String name;
  /** The innermost coroutine of the await chain: the one to resume next. */
  private Coroutine<?> current;
  /**
   * How the current step left the task: {@link #SUSPENDED} on a pending future (the one its current
   * coroutine awaits, in its {@code awaiting}: see {@link #waitingOn()}; a flag, not a second
   * reference to the future, so one write barrier less per suspension), {@link #YIELDED} by {@link
   * #yieldOnce()} (the step then puts the task back in the ready queue), or 0. Reset at each step:
   * a step that ends with neither left the task with nothing to wake it. One byte for both, so
   * that a step resets it with one store and reads it with one load (R33).
   */
  private byte parked;

  private static final byte SUSPENDED = 1;
  private static final byte YIELDED = 2;

  private boolean started;
  private boolean mustCancel;
  private int cancelRequests;
  /** Where the task was created: a stack trace in debug mode, otherwise null. */
  Throwable creationSite() {
    return loop.creationSite(this);
  }

  /** The task that created this one and the coroutine it was running, for reports. */
  final String createdBy;
  /**
   * The coroutine that called createTask (in the creating task), for the report of an exception
   * nobody retrieved: a creation site that costs no allocation. Dropped when the task completes.
   */
  Coroutine<?> creator;
  /** Links in the loop's list of live tasks. */
  Task<?> prevLive;
  Task<?> nextLive;

  Task(EventLoop loop, Coroutine<T> coroutine, String name, int number) {
    super(loop);
    if (coroutine == null) {
      throw new NullPointerException("createTask(null): a task needs a coroutine");
    }
    if (coroutine.status == Coroutine.LEAF) {
      coroutine = coroutine.forTask(); // a queue's get or put run as a task: its body runs
    }
    if (coroutine.status > Coroutine.NEW && !(coroutine instanceof Coroutine.Completed)) {
      throw new IllegalStateException(
          "coroutine " + coroutine.describe() + " was already awaited or scheduled: a coroutine runs"
              + " once");
    }
    this.coroutine = coroutine;
    this.current = coroutine;
    this.name = name;
    this.number = number;
    if (coroutine.status <= Coroutine.NEW) {
      coroutine.status = Coroutine.RUNNING;
      coroutine.task = this;
      coroutine.markStarted();
    }
    Task<?> parent = loop.currentTask;
    this.createdBy = parent == null ? null : parent.getName();
    this.creator = parent == null ? null : parent.current;
    // Debug mode: printed from the API call (Asyncio.createTask, gather, ...), with the creating
    // task's async frames; built only if a report needs it. Kept on the loop, off the task.
    if (loop.getDebug()) {
      loop.recordCreationSite(this, new CreationSite("task created here", parent));
    }
  }

  /** The task's name; by default {@code Task-N}, numbered per loop in creation order. */
  public String getName() {
    String n = name;
    if (n == null) {
      n = "Task-" + number;
      name = n;
    }
    return n;
  }

  public void setName(String name) {
    this.name = String.valueOf(name);
  }

  /** The coroutine this task runs. */
  public Coroutine<T> getCoroutine() {
    return coroutine;
  }

  /** Not supported: a task's result comes from its coroutine. */
  @Override
  public void setResult(T result) {
    throw new IllegalStateException("Task does not support setResult(): its coroutine sets the result");
  }

  /** Not supported: a task's exception comes from its coroutine. */
  @Override
  public void setException(Throwable exception) {
    throw new IllegalStateException(
        "Task does not support setException(): its coroutine sets the exception");
  }

  /**
   * Requests cancellation: a {@link CancelledError} with {@code msg} is raised in the coroutine at
   * its current await. Returns false if the task is already done, true otherwise (also on repeated
   * requests, each of which {@link #cancelling()} counts).
   */
  @Override
  public boolean cancel(String msg) {
    if (isDone()) {
      return false;
    }
    cancelRequests++;
    Future<?> w = waitingOn();
    if (w != null && w.cancel(msg)) {
      return true;
    }
    mustCancel = true;
    value = msg; // the message of the pending cancellation: a pending task has no value yet
    return true;
  }

  /** The message of the cancellation the next step delivers ({@link #cancel(String)}). */
  private String cancelMessage() {
    return (String) value;
  }

  /** The number of cancellation requests not withdrawn by {@link #uncancel()}. */
  public int cancelling() {
    return cancelRequests;
  }

  /**
   * Withdraws one cancellation request and returns the number left. When none is left, a
   * cancellation not yet delivered to the coroutine is withdrawn too (Python 3.13).
   */
  public int uncancel() {
    if (cancelRequests > 0) {
      cancelRequests--;
      if (cancelRequests == 0) {
        mustCancel = false;
      }
    }
    return cancelRequests;
  }

  /**
   * The task's await chain as source frames, innermost first: where each of its coroutines is
   * suspended (Python's {@code Task.get_stack()}), as in async stack traces and {@link
   * Asyncio#dumpTasks()}. Empty once the task is done. Call it on the loop's thread.
   */
  public java.util.List<StackTraceElement> getStack() {
    java.util.List<StackTraceElement> frames = new java.util.ArrayList<>();
    Coroutine<?> c = current;
    if (!isDone() && c != null) {
      AsyncStackTraces.chainFrames(c, frames);
    }
    return frames;
  }

  /** Where the task currently waits, for dumps: the innermost coroutine. */
  Coroutine<?> currentCoroutine() {
    return current;
  }

  /** The pending future the task is suspended on, or null. */
  Future<?> waitingOn() {
    return parked == SUSPENDED ? (Future<?>) current.awaiting : null;
  }

  /**
   * Whether a cancellation was requested that the next step delivers (the future it waited on was
   * already done): a queue's woken get or put then leaves instead of taking its turn.
   */
  boolean cancelPending() {
    return mustCancel;
  }

  /** Whether the task has taken its first step. */
  boolean started() {
    return started;
  }

  // ---------------------------------------------------------------------------------------------
  // The trampoline.

  /**
   * Runs one step: called by the loop when the task is ready. The common step (the coroutine at
   * the end of the chain resumed once, which then yields or suspends on a pending future) is this
   * method alone, small enough for C2 to inline into the loop's iteration (InliningBudgetTest);
   * everything else (a cancellation to deliver, a failure, a coroutine that completes or awaits a
   * new coroutine or a queue's blocked call) continues in the overload of the same name. Every
   * {@code resume()} call is thus made from a {@code Task.step} frame, where async stack traces
   * insert the task's await chain ({@link AsyncStackTraces}): a trace through the second one shows
   * {@code Task.step} twice.
   */
  void step() {
    if (isDone()) {
      return;
    }
    EventLoop loop = this.loop;
    if (loop.currentTask != this) {
      // Left set after the step (the loop clears it before a plain callback and at the end of the
      // iteration): a task that runs step after step stores it once, not twice per step, each
      // store into the long-lived loop with a GC write barrier and its memory fence.
      loop.currentTask = this;
    }
    Coroutine<?> c = current;
    // The future that woke the task, for the async stack trace of a failure it delivered.
    Object woken = parked == SUSPENDED ? c.awaiting : null;
    parked = 0;
    if (mustCancel || c.status != Coroutine.RUNNING) {
      step(c, woken, null, true);
      return;
    }
    if (!started) {
      started = true;
    }
    try {
      c.resume();
    } catch (Throwable t) {
      step(c, woken, failed(c, t, woken), false);
      return;
    }
    if (c.status == Coroutine.RUNNING && !mustCancel) {
      byte p = parked;
      if (p == SUSPENDED) {
        return; // on a pending future: woken when it is done
      }
      if (p == YIELDED) {
        loop.scheduleTask(this); // sleep(0): Task.yieldOnce()
        return;
      }
    }
    step(c, woken, null, false);
  }

  /**
   * The trampoline: resumes {@code c} if {@code starting} (a step that delivers a cancellation
   * requested while the task was ready, or the first step of a task cancelled before it), else
   * continues after c was resumed by {@link #step()}; pops completed coroutines back to their callers and resumes them,
   * pushes a new coroutine that is awaited and runs it, performs a queue's blocked call awaited
   * directly, until the chain suspends, yields, or its root coroutine completes (the task
   * finishes). {@code traced} is the exception whose async stack trace this step already added.
   *
   * <p>Kept in one method over C2's size for inlining a hot method ({@code FreqInlineSize}, 325
   * bytes of bytecode; InliningBudgetTest): inlined into {@link #step()}, it would make that one too
   * big to be inlined into the loop.
   */
  private void step(Coroutine<?> c, Object woken, Throwable traced, boolean starting) {
    if (starting) {
      if (mustCancel && c.status != Coroutine.DONE) {
        mustCancel = false;
        CancelledError e = new CancelledError(cancelMessage());
        if (!started) {
          // Cancelled before its first step: the body never runs.
          c.failure = e;
          c.status = Coroutine.DONE;
        } else {
          c.thrown = e;
        }
      }
      started = true;
    }
    boolean resume = starting;
    for (; ; ) {
      if (resume && c.status != Coroutine.DONE) {
        try {
          c.resume();
        } catch (Throwable t) {
          if (t != traced) {
            traced = failed(c, t, woken);
          } else {
            c.failure = t;
            c.status = Coroutine.DONE;
          }
        }
      }
      resume = true;
      if (c.status == Coroutine.DONE) {
        Coroutine<?> caller = c.caller;
        c.caller = null;
        c.task = null;
        if (caller == null) {
          loop.taskDone(this);
          try {
            finishWith(c);
          } finally {
            creator = null;
          }
          return;
        }
        current = caller;
        c = caller;
        continue;
      }
      // Suspended: on a pending future (suspendOn), by yielding, or by awaiting a new coroutine or
      // a queue's blocked get or put (Coroutine.awaitCoroutine left it in `awaiting`).
      if (parked != SUSPENDED) {
        if (parked == YIELDED) {
          loop.scheduleTask(this); // yieldOnce()
          return;
        }
        Object a = c.awaiting;
        if (a instanceof Coroutine) {
          Coroutine<?> callee = (Coroutine<?>) a;
          if (callee.status <= Coroutine.NEW) {
            c = push(c, callee); // run the callee now, in this step
            continue;
          }
          if (callee.status == Coroutine.LEAF && awaitLeaf(c, callee)) {
            continue; // its value is ready: resume c now
          }
        }
        if (parked != SUSPENDED) {
          // resume() returned without complete(), without an exception and without suspending:
          // nothing would ever wake the task. Fail the coroutine instead of hanging.
          c.failure = stuck(c);
          c.status = Coroutine.DONE;
          resume = false;
          continue;
        }
      }
      if (mustCancel && ((Future<?>) c.awaiting).cancel(cancelMessage())) {
        mustCancel = false;
      }
      return;
    }
  }

  /**
   * {@code c}'s resume() threw {@code t}: c completes with it, and t gets the async stack trace of
   * the task (once: the same exception propagated to the callers is not traced again).
   */
  private Throwable failed(Coroutine<?> c, Throwable t, Object woken) {
    c.failure = t;
    c.status = Coroutine.DONE;
    AsyncStackTraces.attach(t, this, c, shieldOf(woken, t));
    return t;
  }

  /**
   * {@code c} awaited {@code leaf}, a queue's blocked get or put ({@link Coroutine#LEAF}): runs it
   * for c ({@link Coroutine#awaitDirectly}). True when c can be resumed at once (its value or its
   * failure is ready), false when the task is suspended.
   */
  private static boolean awaitLeaf(Coroutine<?> c, Coroutine<?> leaf) {
    try {
      return leaf.awaitDirectly(c);
    } catch (Throwable t) {
      c.thrown = t; // raised at c's await, where an exception of await(...) itself would have been
      return true;
    }
  }

  private static IllegalStateException stuck(Coroutine<?> c) {
    return new IllegalStateException(
        "coroutine " + c.describe() + " returned from resume() without completing or suspending"
            + " (label " + c.label + "): it must call complete(value), throw, or return right after"
            + " an await(...) that returned false");
  }

  /** The shield {@code woken} if the failure {@code t} came out of it, else null. */
  private static Shield.Outer<?> shieldOf(Object woken, Throwable t) {
    return woken instanceof Shield.Outer && ((Shield.Outer<?>) woken).error == t
        ? (Shield.Outer<?>) woken
        : null;
  }

  /**
   * Links {@code callee}, the new coroutine that {@code caller} awaits (already in the caller's
   * {@code awaiting}), as the innermost coroutine of the chain, and returns it.
   */
  private Coroutine<?> push(Coroutine<?> caller, Coroutine<?> callee) {
    callee.caller = caller;
    callee.task = this;
    callee.status = Coroutine.RUNNING;
    callee.markStarted();
    current = callee;
    return callee;
  }

  /**
   * Called by {@link Coroutine#await} when the current coroutine awaits the pending {@code future},
   * already stored in its {@code awaiting}.
   */
  void suspendOn(Future<?> future) {
    if (future == this || future.loop != loop) { // as in Future.readyFor
      throw cannotAwait(future); // out of line: keeps this method small enough to inline
    }
    parked = SUSPENDED;
    future.addWaiter(this);
  }

  /**
   * {@link #suspendOn}'s flag alone, for the await of generated code, which made the checks ({@link
   * Future#readyFor}) and registers the task itself: within MaxTrivialSize, so that C2 inlines it
   * whatever the call site's profile (InliningBudgetTest).
   */
  void markSuspended() {
    parked = SUSPENDED;
  }

  /** Why {@code future} cannot be awaited by this task: it is the task, or of another loop. */
  IllegalStateException cannotAwait(Future<?> future) {
    if (future == this) {
      return new IllegalStateException("Task cannot await on itself: " + this);
    }
    return new IllegalStateException(
        "cannot await " + future + ": it belongs to a different event loop than " + this);
  }

  /**
   * Called by runtime leaf coroutines that yield to the loop for one iteration ({@code sleep(0)}),
   * from inside {@code resume()}: the step puts the task back in the ready queue once {@code
   * resume()} has returned (nothing runs in between, so the FIFO order is that of the call). Not
   * here: the ready queue's code (an {@code ArrayDeque}, whose growth path is hot in programs that
   * grow deques) would then be inlined into the compiled code of {@code Coroutine.await}.
   */
  void yieldOnce() {
    parked = YIELDED;
  }

  private void finishWith(Coroutine<?> root) {
    Throwable failure = root.failure;
    if (failure != null) {
      if (failure instanceof CancelledError) {
        finishCancelled((CancelledError) failure);
      } else {
        finish(null, failure);
      }
    } else if (mustCancel) {
      mustCancel = false;
      finishCancelled(new CancelledError(cancelMessage()));
    } else {
      finish(root.result, null);
    }
  }

  /**
   * The await chain, outermost first: {@code main(Main.java:10) -> fetch(Main.java:20) ->
   * sleep(1.0)}; a deep chain keeps its three outermost and two innermost coroutines. A done task
   * names only its own coroutine: a finished blocked get, put or acquire at its root may already
   * run again in another task's chain (the queue or lock reuses it).
   */
  String describeChain() {
    if (isDone()) {
      return coroutine.describe();
    }
    java.util.ArrayList<Coroutine<?>> chain = new java.util.ArrayList<>();
    for (Coroutine<?> c = current; c != null; c = c.caller) {
      chain.add(c);
    }
    if (chain.isEmpty()) {
      return coroutine.describe();
    }
    java.util.Collections.reverse(chain);
    StringBuilder sb = new StringBuilder();
    int n = chain.size();
    for (int i = 0; i < n; i++) {
      if (n > 6 && i == 3) {
        sb.append(" -> ... (").append(n - 5).append(" more)");
        i = n - 3;
        continue;
      }
      if (i > 0) {
        sb.append(" -> ");
      }
      sb.append(chain.get(i).describe());
    }
    StackTraceElement wait = AsyncStackTraces.leafWaitFrame(current.awaiting);
    if (wait != null) {
      sb.append(" -> ").append(wait.getFileName()); // Queue.get(), Lock.acquire(): as a coroutine
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("<Task ").append(stateName()).append(" name='").append(getName()).append('\'');
    sb.append(" coro=").append(describeChain());
    if (state == FINISHED) {
      if (error != null) {
        sb.append(" exception=").append(error);
      } else {
        sb.append(" result=").append(value);
      }
    } else if (state == PENDING && waitingOn() != null) {
      sb.append(" wait_for=").append(waitingOn());
    }
    return sb.append('>').toString();
  }
}
