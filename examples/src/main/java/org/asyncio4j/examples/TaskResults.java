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
 * Tasks: three tasks run concurrently and finish in the order of their durations (C, B, A); once
 * gathered, each task's {@code result()} is available. From tutorial S001 ("Tasks").
 *
 * <pre>{@code
 * async def long_running_task(name, duration):
 *     print(f"{name} started")
 *     await asyncio.sleep(duration)
 *     print(f"{name} completed after {duration}s")
 *     return f"{name} result"
 *
 * async def manage_tasks():
 *     task_a = asyncio.create_task(long_running_task("Task A", 3))
 *     task_b = asyncio.create_task(long_running_task("Task B", 2))
 *     task_c = asyncio.create_task(long_running_task("Task C", 1))
 *     await asyncio.gather(task_a, task_b, task_c)
 *     print(f"Task A result: {task_a.result()}")
 *     print(f"Task B result: {task_b.result()}")
 *     print(f"Task C result: {task_c.result()}")
 * }</pre>
 */
public final class TaskResults {
  private TaskResults() {}

  @Async
  static Coroutine<String> longRunningTask(String name, int duration) {
    System.out.println(name + " started");
    Await.of(sleep(duration));
    System.out.println(name + " completed after " + duration + "s");
    return Coroutine.of(name + " result");
  }

  @Async
  static Coroutine<Void> manageTasks() {
    // Create tasks
    Task<String> taskA = createTask(longRunningTask("Task A", 3));
    Task<String> taskB = createTask(longRunningTask("Task B", 2));
    Task<String> taskC = createTask(longRunningTask("Task C", 1));

    // Wait for all tasks to complete
    Await.of(gather(taskA, taskB, taskC));

    System.out.println("Task A result: " + taskA.result());
    System.out.println("Task B result: " + taskB.result());
    System.out.println("Task C result: " + taskC.result());
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(TaskResultsAsync.manageTasks(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
