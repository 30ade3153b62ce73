package org.asyncio4j;

import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An eventual result: Python's {@code asyncio.Future}.
 *
 * <p>A future belongs to one event loop and, like everything on the loop, is not thread-safe: use
 * it from the loop's thread, or hand work to the loop with {@link
 * EventLoop#callSoonThreadsafe(Runnable)}. Done callbacks never run synchronously: they are
 * scheduled on the loop, in registration order, when the future completes (or at once if it is
 * already done).
 *
 * @param <T> the type of the result
 */
public non-sealed class Future<T> implements Awaitable<T> {
  static final byte PENDING = 0;
  static final byte FINISHED = 1;
  static final byte CANCELLED = 2;

  // Four references and a byte: 32 bytes with compressed references, which every awaited future of
  // a program allocates (a ping-pong switch, an I/O wait) and every task embeds. Two rarely used
  // values share fields whose own use has ended (FuturePackingTest).
  final EventLoop loop;
  byte state;
  /**
   * Finished: the result. Cancelled: the cancellation's message (null if none), for the {@link
   * CancelledError} created when first needed. A pending task holds the message of a cancellation
   * requested while it is ready to run, until its step delivers it ({@link Task#cancel(String)}).
   */
  Object value;
  /** The exception, or the CancelledError of a cancelled future (created when first needed). */
  Throwable error;
  /**
   * Pending: null, a single callback (a Task to wake or a Consumer), or a {@link CallbackList}.
   * Done (the callbacks were scheduled): null, or the {@link UnretrievedExceptions.Entry} that
   * tracks the exception while nobody has retrieved it.
   */
  private Object callbacks;

  /** A future bound to the running event loop. */
  public Future() {
    this(EventLoop.requireRunning("new Future<>()"));
  }

  Future(EventLoop loop) {
    this.loop = loop;
  }

  /** The loop this future belongs to. */
  public EventLoop getLoop() {
    return loop;
  }

  public boolean isDone() {
    return state != PENDING;
  }

  public boolean isCancelled() {
    return state == CANCELLED;
  }

  /**
   * The result. Throws the stored exception (unwrapped), {@link CancelledError} if cancelled, or
   * {@link InvalidStateError} if not done yet.
   */
  @SuppressWarnings("unchecked")
  public T result() {
    switch (state) {
      case FINISHED:
        if (error != null) {
          markRetrieved();
          throw Coroutine.<RuntimeException>sneakyThrow(error);
        }
        return (T) value;
      case CANCELLED:
        throw cancelledError();
      default:
        throw new InvalidStateError("Result is not set: " + this + " is still pending");
    }
  }

  /**
   * The exception the future completed with, null if it completed with a result. Throws {@link
   * CancelledError} if cancelled and {@link InvalidStateError} if not done yet.
   */
  public Throwable exception() {
    switch (state) {
      case FINISHED:
        markRetrieved();
        return error;
      case CANCELLED:
        throw cancelledError();
      default:
        throw new InvalidStateError("Exception is not set: " + this + " is still pending");
    }
  }

  /** Completes the future with a result. {@link InvalidStateError} if it is already done. */
  public void setResult(T result) {
    if (state != PENDING) {
      throw new InvalidStateError("setResult: " + this + " is already done");
    }
    finish(result, null);
  }

  /** Completes the future with an exception. {@link InvalidStateError} if it is already done. */
  public void setException(Throwable exception) {
    Objects.requireNonNull(exception, "exception");
    if (state != PENDING) {
      throw new InvalidStateError("setException: " + this + " is already done");
    }
    if (exception instanceof CancelledError) {
      throw new IllegalArgumentException(
          "a CancelledError cannot be set as a future's exception: call cancel() instead");
    }
    finish(null, exception);
  }

  /** Cancels the future. Returns false if it is already done. */
  public boolean cancel() {
    return cancel(null);
  }

  /**
   * Cancels the future with a message that reaches whoever awaits it as the {@link
   * CancelledError}'s message. Returns false if it is already done.
   */
  public boolean cancel(String msg) {
    if (state != PENDING) {
      return false;
    }
    value = msg;
    state = CANCELLED;
    scheduleCallbacks();
    return true;
  }

  /**
   * Adds a callback run (through the loop, never synchronously) with this future when it is done.
   */
  public void addDoneCallback(Consumer<? super Future<T>> callback) {
    Objects.requireNonNull(callback, "callback");
    if (loop.isClosed()) {
      throw new IllegalStateException(
          "addDoneCallback: the event loop of " + this + " is closed, the callback could never run");
    }
    if (state != PENDING) {
      loop.scheduleCallback(this, callback);
    } else {
      addCallback(callback);
    }
  }

  /** Removes every registration of {@code callback}; returns how many were removed. */
  public int removeDoneCallback(Consumer<? super Future<T>> callback) {
    Object cbs = callbacks;
    if (cbs == null) {
      return 0;
    }
    if (!(cbs instanceof CallbackList)) {
      if (cbs == callback) {
        callbacks = null;
        return 1;
      }
      return 0;
    }
    CallbackList list = (CallbackList) cbs;
    int before = list.size();
    list.removeIf(c -> c == callback);
    return before - list.size();
  }

  /**
   * A {@link CompletableFuture} completed with this future's result or exception (unwrapped), or
   * cancelled when this future is cancelled, for code outside the loop. Cancelling the returned
   * future cancels this one, through {@link EventLoop#callSoonThreadsafe}. Handing the exception
   * out this way counts as retrieving it.
   *
   * <p>May be called from any thread: from another thread while the loop runs, the registration
   * goes through {@link EventLoop#callSoonThreadsafe}. A future that is already done completes the
   * returned one at once (also after its loop closed).
   */
  public CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> cf = new CompletableFuture<>();
    Thread loopThread = loop.thread();
    if (loopThread == null || loopThread == Thread.currentThread()) {
      if (isDone()) {
        copyTo(cf);
      } else {
        addDoneCallback(f -> copyTo(cf));
      }
    } else {
      // Another thread: the future's state may only be read on the loop thread.
      loop.callSoonThreadsafe(
          () -> {
            if (isDone()) {
              copyTo(cf);
            } else {
              addDoneCallback(f -> copyTo(cf));
            }
          });
    }
    cf.whenComplete(
        (v, e) -> {
          if (cf.isCancelled() && !loop.isClosed()) {
            loop.callSoonThreadsafe(this::cancelIfPending);
          }
        });
    return cf;
  }

  private void copyTo(CompletableFuture<T> cf) {
    if (isCancelled()) {
      cf.cancel(false);
    } else if (error != null) {
      markRetrieved();
      cf.completeExceptionally(error);
    } else {
      cf.complete(resultNow());
    }
  }

  private void cancelIfPending() {
    if (!isDone()) {
      cancel();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Internals used by the loop, tasks and coroutines.

  @SuppressWarnings("unchecked")
  private T resultNow() {
    return (T) value;
  }

  /** Completes the future (which must be pending) and schedules its callbacks. */
  void finish(Object result, Throwable exception) {
    value = result;
    state = FINISHED;
    if (exception != null) {
      error = exception; // a pending future's error is null: no store (and barrier) otherwise
      scheduleCallbacks();
      callbacks = loop.unretrieved.track(this, exception); // the callbacks field is free now
      return;
    }
    scheduleCallbacks();
  }

  /** Cancels with an existing CancelledError (a task whose coroutine ended cancelled). */
  void finishCancelled(CancelledError e) {
    error = e;
    value = e.getMessage();
    state = CANCELLED;
    scheduleCallbacks();
  }

  /**
   * The value for an awaiting coroutine: the result, or the exception thrown unwrapped. Final and
   * small so that it inlines at every await (an override would make the call virtual where awaits
   * see many future classes).
   */
  final Object resultForAwait() {
    // Within 35 bytes of bytecode (InliningBudgetTest): C2 inlines it into awaitResult() even where
    // the profile of awaitResult (shared by every await of the program) does not call it hot.
    if (state == FINISHED && error == null) {
      return value;
    }
    return otherResultForAwait();
  }

  /** The exception thrown unwrapped, or the cancellation. */
  private Object otherResultForAwait() {
    if (state == FINISHED) {
      if (error != null) {
        markRetrieved();
        throw Coroutine.<RuntimeException>sneakyThrow(error);
      }
      return value;
    }
    if (state == CANCELLED) {
      throw cancelledError();
    }
    throw new InvalidStateError("await resumed before " + this + " completed");
  }

  CancelledError cancelledError() {
    if (error == null) {
      error = new CancelledError((String) value);
    }
    return (CancelledError) error;
  }

  void markRetrieved() {
    Object e = callbacks; // on a done future: null or the unretrieved exception's entry
    if (e instanceof UnretrievedExceptions.Entry) {
      callbacks = null;
      ((UnretrievedExceptions.Entry) e).retrieved();
    }
  }

  /**
   * Makes a done waiter future pending again, for the runtime object that owns it and reuses it for
   * its next wait: it must be private to that object (no done callback but the waiting task's, no
   * exception, no longer in any waiter queue).
   */
  final void rearm() {
    state = PENDING;
    value = null;
    error = null;
    callbacks = null;
  }

  /**
   * For an await by {@code task}: true if this future is done (its value is read at once), false if
   * it is pending and the task may wait on it; fails as {@link Task#suspendOn} does when it is
   * pending and is the task itself or belongs to another loop (a done one is read wherever it
   * belongs, as in asyncio). Every await of a future makes this call, so C2 inlines it whatever the
   * program's mix of awaits; the await's suspending branch then needs no call of its own that is
   * not trivial (R29).
   */
  final boolean readyFor(Task<?> task) {
    if (state != PENDING) {
      return true;
    }
    if (loop != task.loop || this == task) { // as in Task.suspendOn
      throw task.cannotAwait(this);
    }
    return false;
  }

  /**
   * Registers a task to be woken (its next step scheduled) when this future is done. Within
   * MaxTrivialSize: the await of generated code calls it on its suspending branch
   * (InliningBudgetTest).
   */
  void addWaiter(Task<?> task) {
    addCallback(task);
  }

  /**
   * The first task registered as a waiter of this pending future, or null: for debug reports of
   * the task an I/O event is about to resume.
   */
  Task<?> firstWaitingTask() {
    Object cbs = callbacks;
    if (cbs instanceof Task) {
      return (Task<?>) cbs;
    }
    if (cbs instanceof CallbackList) {
      for (Object cb : (CallbackList) cbs) {
        if (cb instanceof Task) {
          return (Task<?>) cb;
        }
      }
    }
    return null;
  }

  void removeWaiter(Task<?> task) {
    Object cbs = callbacks;
    if (cbs == task) {
      callbacks = null;
    } else if (cbs instanceof CallbackList) {
      ((CallbackList) cbs).remove(task);
    }
  }

  private void addCallback(Object callback) {
    if (callbacks == null) {
      callbacks = callback; // the common case: one waiter, no list
    } else {
      addAnotherCallback(callback); // out of line: keeps the await path small enough to inline
    }
  }

  private void addAnotherCallback(Object callback) {
    Object cbs = callbacks;
    if (cbs instanceof CallbackList) {
      ((CallbackList) cbs).add(callback);
    } else {
      CallbackList list = new CallbackList();
      list.add(cbs);
      list.add(callback);
      callbacks = list;
    }
  }

  private void scheduleCallbacks() {
    Object cbs = callbacks;
    if (cbs == null) {
      return;
    }
    callbacks = null;
    if (cbs instanceof CallbackList) {
      scheduleEach((CallbackList) cbs); // out of line: the common single waiter stays small
    } else {
      loop.scheduleCallback(this, cbs);
    }
  }

  private void scheduleEach(CallbackList cbs) {
    for (Object cb : cbs) {
      loop.scheduleCallback(this, cb);
    }
  }

  String stateName() {
    switch (state) {
      case PENDING:
        return "pending";
      case CANCELLED:
        return "cancelled";
      default:
        return "finished";
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<Future ").append(stateName());
    if (state == FINISHED) {
      if (error != null) {
        sb.append(" exception=").append(error);
      } else {
        sb.append(" result=").append(value);
      }
    }
    return sb.append('>').toString();
  }

  /** Marker type so a single callback that is itself an ArrayList is never mistaken for the list. */
  private static final class CallbackList extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;

    CallbackList() {
      super(4);
    }
  }
}
