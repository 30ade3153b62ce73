package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;

/**
 * Coroutines, tasks and the event loop: two tasks run concurrently; the 1 s one completes first.
 * From tutorial S004 ("Coroutines, Tasks, and the Event Loop").
 *
 * <pre>{@code
 * async def my_coroutine(delay, message):
 *     await asyncio.sleep(delay)
 *     print(message)
 *
 * async def main():
 *     task1 = asyncio.create_task(my_coroutine(2, "Task 1 completed"))
 *     task2 = asyncio.create_task(my_coroutine(1, "Task 2 completed"))
 *     await asyncio.gather(task1, task2) # Run tasks concurrently
 * }</pre>
 */
public final class CreateTaskGather {
  private CreateTaskGather() {}

  @Async
  static Coroutine<Void> myCoroutine(double delay, String message) {
    Await.of(sleep(delay));
    System.out.println(message);
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> main() {
    Task<Void> task1 = createTask(myCoroutine(2, "Task 1 completed"));
    Task<Void> task2 = createTask(myCoroutine(1, "Task 2 completed"));

    Await.of(gather(task1, task2)); // Run tasks concurrently
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(CreateTaskGatherAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
