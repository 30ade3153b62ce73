package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.getRunningLoop;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;

/**
 * Three common pitfalls: a coroutine never awaited, CPU-bound work on the loop's thread, and a
 * task's exception nobody retrieves. From tutorial S001 ("Common Pitfalls to Avoid").
 *
 * <pre>{@code
 * async def pitfall_not_awaiting():
 *     async def my_coro():
 *         await asyncio.sleep(1)
 *         print("Coroutine executed")
 *         return "Result"
 *     print("\nPitfall 1: Forgetting to await a coroutine")
 *     my_coro()  # This will show a warning in Python 3.8+
 *     await my_coro()
 *
 * async def pitfall_blocking_loop():
 *     print("\nPitfall 2: Blocking the event loop")
 *     def heavy_computation():
 *         print("Starting heavy computation...")
 *         result = 0
 *         for i in range(10_000_000):
 *             result += i
 *         print("Heavy computation finished")
 *         return result
 *     print("Wrong way (blocks the event loop):")
 *     start = time.time()
 *     result = heavy_computation()  # This blocks the event loop!
 *     print(f"Time taken: {time.time() - start:.2f}s")
 *     print("\nCorrect way (using executor):")
 *     start = time.time()
 *     loop = asyncio.get_event_loop()
 *     result = await loop.run_in_executor(None, heavy_computation)
 *     print(f"Time taken: {time.time() - start:.2f}s")
 *
 * async def pitfall_unhandled_exceptions():
 *     print("\nPitfall 3: Not handling exceptions in tasks")
 *     async def will_fail():
 *         await asyncio.sleep(0.5)
 *         raise ValueError("Task failed!")
 *     print("Wrong way (exception will be lost):")
 *     task = asyncio.create_task(will_fail())
 *     await asyncio.sleep(1)  # Wait long enough for the task to fail
 *     print("\nCorrect way (catching the exception):")
 *     task = asyncio.create_task(will_fail())
 *     try:
 *         await task
 *     except ValueError as e:
 *         print(f"Caught exception: {e}")
 *
 * async def show_pitfalls():
 *     await pitfall_not_awaiting()
 *     await pitfall_blocking_loop()
 *     await pitfall_unhandled_exceptions()
 * }</pre>
 *
 * <p>Pitfall 1: the processor warns at compile time that the first {@code myCoro()} is never
 * awaited (the tutorial's "warning in Python 3.8+" is Python's run-time RuntimeWarning, which
 * older versions print too); the pitfall being the point, the example suppresses the warning with
 * {@code @SuppressWarnings("asyncio4j:never-awaited")}. Pitfall 2 is timed with the wall clock,
 * since the point is real time. Pitfall 3: the first task's {@code ValueError} is not lost
 * either: asyncio4j reports "Task exception was never retrieved" through the loop's exception
 * handler (standard error) once the task is unreferenced, at loop close at the latest; Python
 * reports it at garbage collection.
 */
public final class ShowPitfalls {
  private ShowPitfalls() {}

  @Async
  static Coroutine<String> myCoro() {
    Await.of(sleep(1));
    System.out.println("Coroutine executed");
    return Coroutine.of("Result");
  }

  // Pitfall 1: Forgetting to await a coroutine
  // (the forgotten await is the point of the example: the processor's warning is suppressed)
  @SuppressWarnings("asyncio4j:never-awaited")
  @Async
  static Coroutine<Void> pitfallNotAwaiting() {
    System.out.println("\nPitfall 1: Forgetting to await a coroutine");
    // Wrong: This doesn't execute the coroutine, just creates a coroutine object
    myCoro(); // The processor warns (never awaited) unless suppressed, as here

    // Correct: This executes the coroutine
    Await.of(myCoro());
    return Coroutine.done();
  }

  // Wrong: This blocks the event loop, preventing other coroutines from running
  static long heavyComputation() {
    System.out.println("Starting heavy computation...");
    // Simulate a CPU-intensive task
    long result = 0;
    for (int i = 0; i < 10_000_000; i++) {
      result += i;
    }
    System.out.println("Heavy computation finished");
    return result;
  }

  // Pitfall 2: Blocking the event loop with CPU-bound or blocking operations
  @Async
  static Coroutine<Void> pitfallBlockingLoop() {
    System.out.println("\nPitfall 2: Blocking the event loop");

    System.out.println("Wrong way (blocks the event loop):");
    long start = System.nanoTime();
    long result = heavyComputation(); // This blocks the event loop!
    System.out.printf("Time taken: %.2fs%n", (System.nanoTime() - start) / 1e9);

    // Correct: Use runInExecutor for CPU-bound tasks
    System.out.println("\nCorrect way (using executor):");
    start = System.nanoTime();
    EventLoop loop = getRunningLoop();
    result = Await.of(loop.runInExecutor(null, ShowPitfalls::heavyComputation));
    System.out.printf("Time taken: %.2fs%n", (System.nanoTime() - start) / 1e9);
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> willFail() {
    Await.of(sleep(0.5));
    throw new ValueError("Task failed!");
  }

  // Pitfall 3: Not handling exceptions properly in tasks
  @Async
  static Coroutine<Void> pitfallUnhandledExceptions() {
    System.out.println("\nPitfall 3: Not handling exceptions in tasks");

    // Wrong: Exceptions in tasks can be lost if not handled
    System.out.println("Wrong way (exception will be lost):");
    Task<Void> task = createTask(willFail());
    Await.of(sleep(1)); // Wait long enough for the task to fail

    // Correct: Always await tasks to propagate exceptions
    System.out.println("\nCorrect way (catching the exception):");
    task = createTask(willFail());
    try {
      Await.of(task);
    } catch (ValueError e) {
      System.out.println("Caught exception: " + e.getMessage());
    }
    return Coroutine.done();
  }

  // Let's show these pitfalls
  @Async
  static Coroutine<Void> showPitfalls() {
    Await.of(pitfallNotAwaiting());
    Await.of(pitfallBlockingLoop());
    Await.of(pitfallUnhandledExceptions());
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(ShowPitfallsAsync.showPitfalls(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
