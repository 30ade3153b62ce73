package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Future;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;

/**
 * Three ways to handle errors of coroutines: try/catch around each await, {@code gather} with
 * {@code returnExceptions}, and done callbacks on tasks. From tutorial S001 ("Error Handling in
 * Asyncio").
 *
 * <pre>{@code
 * async def might_fail(success_rate=0.5):
 *     import random
 *     await asyncio.sleep(1)  # Simulate some work
 *     if random.random() > success_rate:
 *         raise ValueError("Operation failed")
 *     return "Operation succeeded"
 *
 * async def error_handling_demo():
 *     print("Method 1: Individual try/except:")
 *     for i in range(3):
 *         try:
 *             result = await might_fail(0.3)
 *             print(f"Task {i}: {result}")
 *         except ValueError as e:
 *             print(f"Task {i} failed: {e}")
 *
 *     print("\nMethod 2: gather with return_exceptions=True:")
 *     tasks = [might_fail(0.3) for _ in range(3)]
 *     results = await asyncio.gather(*tasks, return_exceptions=True)
 *     for i, result in enumerate(results):
 *         if isinstance(result, Exception):
 *             print(f"Task {i} failed: {result}")
 *         else:
 *             print(f"Task {i}: {result}")
 *
 *     print("\nMethod 3: Task callbacks:")
 *     def handle_task_result(task):
 *         try:
 *             result = task.result()
 *             print(f"Task completed: {result}")
 *         except Exception as e:
 *             print(f"Task failed: {e}")
 *     tasks = []
 *     for i in range(3):
 *         task = asyncio.create_task(might_fail(0.3))
 *         task.add_done_callback(handle_task_result)
 *         tasks.append(task)
 *     await asyncio.gather(*tasks, return_exceptions=True)
 * }</pre>
 *
 * <p>The outcomes are random, as in the tutorial; the launcher takes an optional seed ({@code
 * ErrorHandlingDemo 42}) to repeat a run.
 */
public final class ErrorHandlingDemo {
  private ErrorHandlingDemo() {}

  static Random random = new Random();

  @Async
  static Coroutine<String> mightFail(double successRate) {
    Await.of(sleep(1)); // Simulate some work
    if (random.nextDouble() > successRate) {
      throw new ValueError("Operation failed");
    }
    return Coroutine.of("Operation succeeded");
  }

  // tutorial:start done-callback
  static void handleTaskResult(Future<String> task) {
    try {
      String result = task.result();
      System.out.println("Task completed: " + result);
    } catch (Exception e) {
      System.out.println("Task failed: " + e.getMessage());
    }
  }
  // tutorial:end done-callback

  // tutorial:start return-exceptions
  @Async
  static Coroutine<Void> errorHandlingDemo() {
    // Method 1: Try/catch around individual tasks
    System.out.println("Method 1: Individual try/catch:");
    for (int i = 0; i < 3; i++) {
      try {
        String result = Await.of(mightFail(0.3));
        System.out.println("Task " + i + ": " + result);
      } catch (ValueError e) {
        System.out.println("Task " + i + " failed: " + e.getMessage());
      }
    }

    // Method 2: gather() with returnExceptions = true
    System.out.println("\nMethod 2: gather with returnExceptions=true:");
    List<Coroutine<String>> coros = new ArrayList<>();
    for (int n = 0; n < 3; n++) {
      coros.add(mightFail(0.3));
    }
    List<Object> results = Await.of(gather(true, coros));

    for (int i = 0; i < results.size(); i++) {
      Object result = results.get(i);
      if (result instanceof Exception) {
        System.out.println("Task " + i + " failed: " + ((Exception) result).getMessage());
      } else {
        System.out.println("Task " + i + ": " + result);
      }
    }

    // Method 3: Creating tasks and handling exceptions with callbacks
    System.out.println("\nMethod 3: Task callbacks:");

    List<Task<String>> tasks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Task<String> task = createTask(mightFail(0.3));
      task.addDoneCallback(ErrorHandlingDemo::handleTaskResult);
      tasks.add(task);
    }

    // Wait for all tasks to complete
    Await.of(gather(true, tasks));
    return Coroutine.done();
  }
  // tutorial:end return-exceptions

  static void run(RunOptions options, List<String> args) {
    if (!args.isEmpty()) {
      random = new Random(Long.parseLong(args.get(0)));
    }
    Asyncio.run(ErrorHandlingDemoAsync.errorHandlingDemo(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create(), List.of(args));
  }
}
