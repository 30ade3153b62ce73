package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.getRunningLoop;
import static org.asyncio4j.Asyncio.sleep;

import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;

/**
 * Synchronous vs asynchronous: three simulated I/O operations (2 s, 1 s, 3 s) take 6 s one after
 * the other with a blocking sleep, 3 s as concurrent tasks. From tutorial S001 ("Understanding
 * Python's asyncio", section 1).
 *
 * <pre>{@code
 * def sync_io_operation(operation_name, duration):
 *     print(f"Starting {operation_name}...")
 *     time.sleep(duration)  # Blocking operation
 *     print(f"Finished {operation_name} after {duration}s")
 *     return f"{operation_name} result"
 *
 * def run_sync_operations():
 *     start = time.time()
 *     result1 = sync_io_operation("Operation 1", 2)
 *     result2 = sync_io_operation("Operation 2", 1)
 *     result3 = sync_io_operation("Operation 3", 3)
 *     end = time.time()
 *     print(f"Total synchronous execution time: {end - start:.2f}s")
 *     return [result1, result2, result3]
 *
 * async def async_io_operation(operation_name, duration):
 *     print(f"Starting {operation_name}...")
 *     await asyncio.sleep(duration)  # Non-blocking operation
 *     print(f"Finished {operation_name} after {duration}s")
 *     return f"{operation_name} result"
 *
 * async def run_async_operations():
 *     start = time.time()
 *     task1 = asyncio.create_task(async_io_operation("Operation 1", 2))
 *     task2 = asyncio.create_task(async_io_operation("Operation 2", 1))
 *     task3 = asyncio.create_task(async_io_operation("Operation 3", 3))
 *     results = await asyncio.gather(task1, task2, task3)
 *     end = time.time()
 *     print(f"Total asynchronous execution time: {end - start:.2f}s")
 *     return results
 * }</pre>
 *
 * <p>The notebook runs {@code run_sync_operations()} and then {@code await run_async_operations()}
 * in two cells and echoes each returned list; the port prints them. The synchronous part really
 * blocks for 6 s (wall clock), even on virtual time; the asynchronous part is timed with the
 * loop's clock.
 */
public final class SyncVsAsyncOperations {
  private SyncVsAsyncOperations() {}

  // Synchronous function to simulate an I/O operation
  static String syncIoOperation(String operationName, int duration) {
    System.out.println("Starting " + operationName + "...");
    try {
      Thread.sleep(duration * 1000L); // Blocking operation
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.out.println("Finished " + operationName + " after " + duration + "s");
    return operationName + " result";
  }

  // Simulating multiple synchronous operations
  static List<String> runSyncOperations() {
    long start = System.nanoTime();

    String result1 = syncIoOperation("Operation 1", 2);
    String result2 = syncIoOperation("Operation 2", 1);
    String result3 = syncIoOperation("Operation 3", 3);

    long end = System.nanoTime();
    System.out.printf("Total synchronous execution time: %.2fs%n", (end - start) / 1e9);
    return List.of(result1, result2, result3);
  }

  // Asynchronous function to simulate an I/O operation
  @Async
  static Coroutine<String> asyncIoOperation(String operationName, int duration) {
    System.out.println("Starting " + operationName + "...");
    Await.of(sleep(duration)); // Non-blocking operation
    System.out.println("Finished " + operationName + " after " + duration + "s");
    return Coroutine.of(operationName + " result");
  }

  // Simulating multiple asynchronous operations
  @Async
  static Coroutine<List<String>> runAsyncOperations() {
    double start = getRunningLoop().time();

    // Create tasks to run concurrently
    Task<String> task1 = createTask(asyncIoOperation("Operation 1", 2));
    Task<String> task2 = createTask(asyncIoOperation("Operation 2", 1));
    Task<String> task3 = createTask(asyncIoOperation("Operation 3", 3));

    // Wait for all tasks to complete
    List<String> results = Await.of(gather(task1, task2, task3));

    double end = getRunningLoop().time();
    System.out.printf("Total asynchronous execution time: %.2fs%n", end - start);
    return Coroutine.of(results);
  }

  static void run(RunOptions options) {
    // Run the synchronous operations
    System.out.println(runSyncOperations());
    // Run the asynchronous operations
    System.out.println(Asyncio.run(SyncVsAsyncOperationsAsync.runAsyncOperations(), options));
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
