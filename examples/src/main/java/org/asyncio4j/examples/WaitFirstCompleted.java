package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;

import java.util.List;
import java.util.Set;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Future;
import org.asyncio4j.ReturnWhen;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;
import org.asyncio4j.WaitResult;

/**
 * Waiting for several tasks with {@code Asyncio.wait}: first until one completes
 * ({@code FIRST_COMPLETED}), then for the rest. From tutorial S001 ("Waiting for Multiple
 * Tasks"); {@code long_running_task} is {@link TaskResults#longRunningTask}.
 *
 * <pre>{@code
 * async def wait_demo():
 *     tasks = [
 *         asyncio.create_task(long_running_task("Task X", 3)),
 *         asyncio.create_task(long_running_task("Task Y", 1)),
 *         asyncio.create_task(long_running_task("Task Z", 2))
 *     ]
 *     print("\nWaiting for the first task to complete...")
 *     done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
 *     print(f"\n{len(done)} task(s) completed:")
 *     for task in done:
 *         print(f"  - {task.result()}")
 *     print(f"\n{len(pending)} task(s) still pending")
 *     print("\nWaiting for remaining tasks...")
 *     done, pending = await asyncio.wait(pending)
 *     print(f"\nAll tasks completed. Results:")
 *     for task in tasks:
 *         print(f"  - {task.result()}")
 * }</pre>
 */
public final class WaitFirstCompleted {
  private WaitFirstCompleted() {}

  // tutorial:start wait
  @Async
  static Coroutine<Void> waitDemo() {
    List<Task<String>> tasks = List.of(
        createTask(TaskResults.longRunningTask("Task X", 3)),
        createTask(TaskResults.longRunningTask("Task Y", 1)),
        createTask(TaskResults.longRunningTask("Task Z", 2)));

    // Wait for the first task to complete
    System.out.println("\nWaiting for the first task to complete...");
    WaitResult<String> first = Await.of(Asyncio.wait(tasks, ReturnWhen.FIRST_COMPLETED));
    Set<Future<String>> done = first.done();
    Set<Future<String>> pending = first.pending();

    System.out.println("\n" + done.size() + " task(s) completed:");
    for (Future<String> task : done) {
      System.out.println("  - " + task.result());
    }

    System.out.println("\n" + pending.size() + " task(s) still pending");

    // Wait for the remaining tasks
    System.out.println("\nWaiting for remaining tasks...");
    Await.of(Asyncio.wait(pending));

    System.out.println("\nAll tasks completed. Results:");
    for (Task<String> task : tasks) {
      System.out.println("  - " + task.result());
    }
    return Coroutine.done();
  }
  // tutorial:end wait

  static void run(RunOptions options) {
    Asyncio.run(WaitFirstCompletedAsync.waitDemo(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
