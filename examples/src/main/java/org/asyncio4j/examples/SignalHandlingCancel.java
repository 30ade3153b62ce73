package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.allTasks;
import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Await;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;

/**
 * Cancellation and cleanup on Ctrl-C: a signal handler on the loop cancels every task; the
 * worker catches {@link CancelledError}, awaits its cleanup and rethrows; {@code main} catches
 * the cancellation and exits. From tutorial S000 ("Cancellation and Cleanup").
 *
 * <pre>{@code
 * async def cleanup():
 *     print("Performing cleanup...")
 *     await asyncio.sleep(1)  # Simulate cleanup work
 *     print("Cleanup complete")
 *
 * async def long_running_task():
 *     try:
 *         print("Task started")
 *         for i in range(10):
 *             print(f"Working... ({i+1}/10)")
 *             await asyncio.sleep(1)
 *         print("Task completed normally")
 *     except asyncio.CancelledError:
 *         print("Task was cancelled, performing cleanup...")
 *         await cleanup()
 *         raise  # Re-raise to propagate cancellation
 *
 * async def main():
 *     task = asyncio.create_task(long_running_task())
 *     try:
 *         await task
 *     except asyncio.CancelledError:
 *         print("Main caught cancellation")
 *     print("Main exiting")
 *
 * loop = asyncio.get_event_loop()
 *
 * def signal_handler():
 *     print("Interrupt received, cancelling tasks...")
 *     for task in asyncio.all_tasks(loop):
 *         task.cancel()
 *
 * for sig in (signal.SIGINT, signal.SIGTERM):
 *     loop.add_signal_handler(sig, signal_handler)
 *
 * try:
 *     loop.run_until_complete(main())
 * finally:
 *     loop.close()
 * }</pre>
 *
 * <p>The tutorial gets its loop with {@code asyncio.get_event_loop()} at module level, which is
 * deprecated (a DeprecationWarning on 3.12/3.13, an error on 3.14); the port creates its loop
 * explicitly ({@code EventLoop.create}, Python's {@code asyncio.new_event_loop()}). Without a
 * signal, the task completes normally after 10 s.
 */
public final class SignalHandlingCancel {
  private SignalHandlingCancel() {}

  @Async
  static Coroutine<Void> cleanup() {
    System.out.println("Performing cleanup...");
    Await.of(sleep(1)); // Simulate cleanup work
    System.out.println("Cleanup complete");
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> longRunningTask() {
    try {
      System.out.println("Task started");
      for (int i = 0; i < 10; i++) {
        System.out.println("Working... (" + (i + 1) + "/10)");
        Await.of(sleep(1));
      }
      System.out.println("Task completed normally");
    } catch (CancelledError e) {
      System.out.println("Task was cancelled, performing cleanup...");
      Await.of(cleanup());
      throw e; // Re-raise to propagate cancellation
    }
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> main() {
    Task<Void> task = createTask(longRunningTask());

    // Wait for either the task to complete or for a keyboard interrupt
    try {
      Await.of(task);
    } catch (CancelledError e) {
      System.out.println("Main caught cancellation");
    }

    System.out.println("Main exiting");
    return Coroutine.done();
  }

  static void signalHandler() {
    System.out.println("Interrupt received, cancelling tasks...");
    for (Task<?> task : allTasks()) {
      task.cancel();
    }
  }

  static void run(RunOptions options) {
    EventLoop loop = EventLoop.create(options);

    // Set up signal handling for graceful shutdown
    for (String sig : new String[] {"SIGINT", "SIGTERM"}) {
      loop.addSignalHandler(sig, SignalHandlingCancel::signalHandler);
    }

    try {
      loop.runUntilComplete(SignalHandlingCancelAsync.main());
    } finally {
      loop.close();
    }
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
