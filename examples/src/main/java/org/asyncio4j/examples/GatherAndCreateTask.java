package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;

/**
 * Two ways to run coroutines concurrently: {@code gather} and {@code createTask} + await. From
 * tutorial S001 ("Running Multiple Coroutines").
 *
 * <pre>{@code
 * async def task1():
 *     await asyncio.sleep(1)
 *     print("Task 1 completed")
 *     return "Result 1"
 *
 * async def task2():
 *     await asyncio.sleep(0.5)
 *     print("Task 2 completed")
 *     return "Result 2"
 *
 * # Method 1: Using asyncio.gather()
 * print("Running tasks with asyncio.gather()")
 * results = await asyncio.gather(task1(), task2())
 * print(f"Results: {results}")
 *
 * # Method 2: Creating and awaiting Tasks
 * print("\nRunning tasks with asyncio.create_task()")
 * t1 = asyncio.create_task(task1())
 * t2 = asyncio.create_task(task2())
 * await t1
 * await t2
 * print(f"Results: {t1.result()}, {t2.result()}")
 * }</pre>
 */
public final class GatherAndCreateTask {
  private GatherAndCreateTask() {}

  @Async
  static Coroutine<String> task1() {
    Await.of(sleep(1));
    System.out.println("Task 1 completed");
    return Coroutine.of("Result 1");
  }

  @Async
  static Coroutine<String> task2() {
    Await.of(sleep(0.5));
    System.out.println("Task 2 completed");
    return Coroutine.of("Result 2");
  }

  @Async
  static Coroutine<Void> main() {
    // Method 1: Using gather()
    System.out.println("Running tasks with gather()");
    List<String> results = Await.of(gather(task1(), task2()));
    System.out.println("Results: " + results);

    // Method 2: Creating and awaiting Tasks
    System.out.println("\nRunning tasks with createTask()");
    Task<String> t1 = createTask(task1());
    Task<String> t2 = createTask(task2());
    Await.of(t1);
    Await.of(t2);
    System.out.println("Results: " + t1.result() + ", " + t2.result());
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(GatherAndCreateTaskAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
