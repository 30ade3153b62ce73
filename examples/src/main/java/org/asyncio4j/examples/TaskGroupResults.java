package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;
import org.asyncio4j.TaskGroup;

/**
 * Task groups: {@code async with asyncio.TaskGroup() as tg} is a try-with-resources on a {@link
 * TaskGroup}; leaving the block waits for every task. From tutorial S000.
 *
 * <pre>{@code
 * async def task(name, delay):
 *     await asyncio.sleep(delay)
 *     return f"{name} result"
 *
 * async def main():
 *     async with asyncio.TaskGroup() as tg:
 *         task1 = tg.create_task(task("Task 1", 1))
 *         task2 = tg.create_task(task("Task 2", 2))
 *         task3 = tg.create_task(task("Task 3", 3))
 *     # All tasks are guaranteed to be done here
 *     print(f"Results: {task1.result()}, {task2.result()}, {task3.result()}")
 * }</pre>
 */
public final class TaskGroupResults {
  private TaskGroupResults() {}

  @Async
  static Coroutine<String> task(String name, double delay) {
    Await.of(sleep(delay));
    return Coroutine.of(name + " result");
  }

  // tutorial:start task-group
  @Async
  static Coroutine<Void> main() {
    Task<String> task1;
    Task<String> task2;
    Task<String> task3;
    try (TaskGroup tg = new TaskGroup()) {
      task1 = tg.createTask(task("Task 1", 1));
      task2 = tg.createTask(task("Task 2", 2));
      task3 = tg.createTask(task("Task 3", 3));
    }
    // All tasks are guaranteed to be done here
    System.out.println(
        "Results: " + task1.result() + ", " + task2.result() + ", " + task3.result());
    return Coroutine.done();
  }
  // tutorial:end task-group

  static void run(RunOptions options) {
    Asyncio.run(TaskGroupResultsAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
