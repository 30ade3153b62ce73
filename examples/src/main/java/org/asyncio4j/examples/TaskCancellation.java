package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;

/**
 * Task cancellation: another task cancels a worker after 2 s; the worker sees {@link
 * CancelledError} at its await, reports it and re-raises it, and the awaiting main coroutine
 * catches it. From tutorial S001 ("Task Cancellation").
 *
 * <pre>{@code
 * async def cancellable_task():
 *     try:
 *         print("Task started")
 *         while True:  # Infinite loop
 *             print("Working...")
 *             await asyncio.sleep(0.5)
 *     except asyncio.CancelledError:
 *         print("Task was cancelled!")
 *         raise  # Re-raise to properly handle cancellation
 *
 * async def cancel_after_delay(task, delay):
 *     await asyncio.sleep(delay)
 *     task.cancel()
 *     print(f"Cancellation request sent after {delay}s")
 *
 * async def demo_cancellation():
 *     task = asyncio.create_task(cancellable_task())
 *     # Schedule the task to be cancelled after 2 seconds
 *     asyncio.create_task(cancel_after_delay(task, 2))
 *     try:
 *         await task
 *     except asyncio.CancelledError:
 *         print("Main function caught the cancellation")
 * }</pre>
 */
public final class TaskCancellation {
  private TaskCancellation() {}

  // tutorial:start cancellation
  @Async
  static Coroutine<Void> cancellableTask() {
    try {
      System.out.println("Task started");
      while (true) { // Infinite loop
        System.out.println("Working...");
        Await.of(sleep(0.5));
      }
    } catch (CancelledError e) {
      System.out.println("Task was cancelled!");
      throw e; // Re-raise to properly handle cancellation
    }
  }

  @Async
  static Coroutine<Void> cancelAfterDelay(Task<?> task, int delay) {
    Await.of(sleep(delay));
    task.cancel();
    System.out.println("Cancellation request sent after " + delay + "s");
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> demoCancellation() {
    Task<Void> task = createTask(cancellableTask());
    // Schedule the task to be cancelled after 2 seconds
    createTask(cancelAfterDelay(task, 2));

    try {
      Await.of(task);
    } catch (CancelledError e) {
      System.out.println("Main function caught the cancellation");
    }
    return Coroutine.done();
  }
  // tutorial:end cancellation

  static void run(RunOptions options) {
    Asyncio.run(TaskCancellationAsync.demoCancellation(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
