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
 * Task cancellation, from tutorial S004 ("Advanced asyncio Techniques"): {@code cancel()} raises
 * {@link CancelledError} at the task's await, after three seconds of work.
 *
 * <pre>{@code
 * async def my_task():
 *     try:
 *         while True:
 *             print("Task is running...")
 *             await asyncio.sleep(1)
 *     except asyncio.CancelledError:
 *         print("Task was cancelled")
 *
 * async def main():
 *     task = asyncio.create_task(my_task())
 *     await asyncio.sleep(3)
 *     task.cancel()
 *     await task  # Wait for the task to complete cancellation
 * }</pre>
 *
 * <p>The tutorial's version swallows the {@code CancelledError}: that turns the cancellation into
 * a normal return ({@code await task} returns normally, {@code task.cancelled()} is false while
 * {@code cancelling()} stays 1), which it presents as the way to complete a cancellation. The
 * port does what asyncio's documentation asks: the task rethrows the error after its cleanup
 * message, so it really ends cancelled, and {@code main} expects that {@code CancelledError} when
 * it awaits the task. The printed lines are the tutorial's.
 */
public final class CancelRunningTask {
  private CancelRunningTask() {}

  @Async
  static Coroutine<Void> myTask() {
    try {
      while (true) {
        System.out.println("Task is running...");
        Await.of(sleep(1));
      }
    } catch (CancelledError e) {
      System.out.println("Task was cancelled");
      throw e; // The tutorial swallows it here; rethrow so the task ends cancelled
    }
  }

  @Async
  static Coroutine<Void> main() {
    Task<Void> task = createTask(myTask());
    Await.of(sleep(3));
    task.cancel();
    try {
      Await.of(task); // Wait for the task to complete cancellation
    } catch (CancelledError e) {
      // The task ended cancelled, as requested
    }
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(CancelRunningTaskAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
