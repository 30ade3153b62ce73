package org.asyncio4j;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A group of tasks that finish together: Python's {@code asyncio.TaskGroup} (CPython 3.13 {@code
 * taskgroups.py}).
 *
 * <p>Inside an {@code @Async} method: {@code try (TaskGroup tg = new TaskGroup()) { Task<T> t =
 * tg.createTask(coro); ... }}, Python's {@code async with asyncio.TaskGroup() as tg:}.
 *
 * <ul>
 *   <li>Leaving the block ({@link #exitAsync(Throwable)}) waits until every task of the group is
 *       done, including tasks added while it waits (a child may add siblings).
 *   <li>The first task that fails with an exception other than {@link CancelledError} cancels the
 *       other tasks and, if the block is still running, the task running the block (the parent):
 *       the {@code CancelledError} interrupts the block at its current await but does not leave
 *       the {@code try}. An exception thrown by the block itself counts as such a failure.
 *   <li>When everything is done, the exceptions (other than {@code CancelledError}) of the tasks
 *       and of the block are thrown together as an {@link ExceptionGroup}, in the order they
 *       happened; the block's own exception comes last.
 *   <li>The group withdraws its own cancellation of the parent with {@link Task#uncancel()}, so
 *       {@link Task#cancelling()} is the same after the block as before (Python 3.13). A
 *       cancellation of the parent from outside is never swallowed: it is re-raised, or, if the
 *       group throws an {@code ExceptionGroup}, requested again so the parent still ends cancelled
 *       at its next await.
 * </ul>
 *
 * <p><b>Errors (Java has no {@code BaseException})</b>: Python treats {@code KeyboardInterrupt} and
 * {@code SystemExit} specially: once the other tasks are cancelled and awaited, they are re-raised
 * on their own instead of in a group. Here that applies to {@link KeyboardInterrupt} and to {@link
 * VirtualMachineError} ({@code OutOfMemoryError}, {@code StackOverflowError}, {@code
 * InternalError}), Java's errors that mean "stop now": the first one is rethrown unwrapped. Every
 * other {@link Throwable}, including other {@link Error} subclasses such as {@link AssertionError}
 * or user-defined errors, is collected into the {@code ExceptionGroup}, like Python's {@code
 * BaseExceptionGroup} collects other {@code BaseException}s. Unlike CPython
 * 3.13.0 (scenario TG-09q), the group withdraws its own cancellation before rethrowing such an
 * error, so {@code cancelling()} stays balanced.
 */
public final class TaskGroup implements AsyncCloseable {
  private boolean entered;
  private boolean exiting;
  private boolean aborting;
  private EventLoop loop;
  private Task<?> parentTask;
  private boolean parentCancelRequested;
  private final Set<Task<?>> tasks = new LinkedHashSet<>();
  private final List<Throwable> errors = new ArrayList<>();
  private Throwable baseError;
  private Future<Boolean> onCompleted;
  private final Consumer<Future<?>> onTaskDone = this::onTaskDone;

  /** A group that is not entered yet. Python's {@code asyncio.TaskGroup()}. */
  public TaskGroup() {}

  /**
   * Schedules {@code coroutine} as a task of this group. Python's {@code tg.create_task(coro)}.
   *
   * @throws IllegalStateException if the group "has not been entered", "is finished" (its block
   *     ended and all its tasks are done) or "is shutting down" (a task failed or the block
   *     raised, and the others are being cancelled); the coroutine is then never run
   */
  public <T> Task<T> createTask(Coroutine<T> coroutine) {
    return createTask(coroutine, null);
  }

  /**
   * {@link #createTask(Coroutine)} with a task name ({@link Task#getName()}); null gives the
   * default {@code Task-N}.
   */
  public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
    Objects.requireNonNull(coroutine, "coroutine");
    if (!entered) {
      throw new IllegalStateException("TaskGroup " + this + " has not been entered");
    }
    if (exiting && tasks.isEmpty()) {
      throw new IllegalStateException("TaskGroup " + this + " is finished");
    }
    if (aborting) {
      throw new IllegalStateException("TaskGroup " + this + " is shutting down");
    }
    Task<T> task = loop.createTask(coroutine, name);
    if (task.isDone()) {
      onTaskDone(task);
    } else {
      tasks.add(task);
      task.addDoneCallback(onTaskDone);
    }
    return task;
  }

  /**
   * Python's {@code __aenter__}: a coroutine that binds the group to the task awaiting it (the
   * parent) and completes with this group.
   *
   * @return a coroutine that throws {@link IllegalStateException} ("has already been entered") if
   *     the group was entered before
   */
  @Override
  public Coroutine<TaskGroup> enterAsync() {
    return new Coroutine<>() {
      @Override
      protected void resume() {
        if (entered) {
          throw new IllegalStateException("TaskGroup " + TaskGroup.this + " has already been entered");
        }
        if (task == null) {
          throw new IllegalStateException(
              "TaskGroup " + TaskGroup.this + " cannot determine the parent task");
        }
        loop = task.loop;
        parentTask = task;
        entered = true;
        complete(TaskGroup.this);
      }

      @Override
      protected String describe() {
        return "TaskGroup.enterAsync()";
      }
    };
  }

  /**
   * Python's {@code __aexit__}: a coroutine that waits for every task of the group, then throws
   * the {@link ExceptionGroup} of the failures (including {@code error} unless it is a {@link
   * CancelledError}), or rethrows an outside cancellation, or completes with {@code false} (it
   * never suppresses {@code error}).
   *
   * @param error the exception leaving the block, or null
   */
  @Override
  public Coroutine<Boolean> exitAsync(Throwable error) {
    return new Exit(error);
  }

  private boolean isBaseError(Throwable e) {
    return e instanceof KeyboardInterrupt || e instanceof VirtualMachineError;
  }

  private void abort() {
    aborting = true;
    for (Task<?> t : tasks) {
      if (!t.isDone()) {
        t.cancel();
      }
    }
  }

  private void onTaskDone(Future<?> f) {
    Task<?> task = (Task<?>) f;
    tasks.remove(task);
    if (onCompleted != null && tasks.isEmpty() && !onCompleted.isDone()) {
      onCompleted.setResult(true);
    }
    if (task.isCancelled()) {
      return;
    }
    Throwable exc = task.exception();
    if (exc == null) {
      return;
    }
    errors.add(exc);
    if (isBaseError(exc) && baseError == null) {
      baseError = exc;
    }
    if (parentTask.isDone()) {
      Map<String, Object> ctx =
          EventLoop.context(
              "Task " + task + " has errored out but its parent task " + parentTask
                  + " is already completed",
              exc);
      ctx.put("task", task);
      loop.callExceptionHandler(ctx);
      return;
    }
    if (!aborting && !parentCancelRequested) {
      // Interrupt the block, but remember to withdraw this cancellation in exit.
      abort();
      parentCancelRequested = true;
      parentTask.cancel();
    }
  }

  /** The coroutine of {@link #exitAsync}: Python's {@code _aexit}. */
  final class Exit extends Coroutine<Boolean> {
    private final Throwable error;
    private Throwable propagateCancellation;

    Exit(Throwable error) {
      this.error = error;
    }

    @Override
    protected void resume() throws Throwable {
      for (; ; ) {
        switch (label) {
          case 0:
            if (!entered) {
              throw new IllegalStateException("TaskGroup " + TaskGroup.this + " has not been entered");
            }
            if (exiting) {
              throw new IllegalStateException("TaskGroup " + TaskGroup.this + " was already exited");
            }
            exiting = true;
            if (error != null && isBaseError(error) && baseError == null) {
              baseError = error;
            }
            if (error instanceof CancelledError) {
              propagateCancellation = error;
            }
            if (error != null && !aborting) {
              // The parent is being cancelled, or the block raised: cancel the tasks.
              abort();
            }
            label = 1;
            continue;
          case 1:
            if (tasks.isEmpty()) {
              finish();
              return;
            }
            if (onCompleted == null) {
              onCompleted = new Future<>(loop);
            }
            if (!await(onCompleted, 2)) {
              return;
            }
            // fall through
          case 2:
            try {
              awaitResult();
            } catch (CancelledError e) {
              if (!aborting) {
                // The parent was cancelled from outside while the tasks are still running.
                propagateCancellation = e;
                abort();
              }
            }
            onCompleted = null;
            label = 1;
            continue;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }

    private void finish() throws Throwable {
      if (parentCancelRequested) {
        parentCancelRequested = false;
        // Withdraw our own cancellation of the parent; one from outside remains.
        if (parentTask.uncancel() == 0) {
          propagateCancellation = null;
        }
      }
      if (baseError != null) {
        throw baseError;
      }
      if (propagateCancellation != null && errors.isEmpty()) {
        throw propagateCancellation;
      }
      if (error != null && !(error instanceof CancelledError)) {
        errors.add(error);
      }
      if (!errors.isEmpty()) {
        if (parentTask.cancelling() > 0) {
          // Cancelled from outside too: keep the count, and make the cancellation happen again.
          parentTask.uncancel();
          parentTask.cancel();
        }
        throw new ExceptionGroup("unhandled errors in a TaskGroup", new ArrayList<>(errors));
      }
      complete(false);
    }

    @Override
    protected String describe() {
      return "TaskGroup.exitAsync()";
    }

    /** The group's tasks not done yet, which the exit waits for: for task dumps. */
    Set<Task<?>> awaitedTasks() {
      return tasks;
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<TaskGroup");
    if (!tasks.isEmpty()) {
      sb.append(" tasks=").append(tasks.size());
    }
    if (!errors.isEmpty()) {
      sb.append(" errors=").append(errors.size());
    }
    if (aborting) {
      sb.append(" cancelling");
    } else if (entered) {
      sb.append(" entered");
    }
    return sb.append('>').toString();
  }
}
