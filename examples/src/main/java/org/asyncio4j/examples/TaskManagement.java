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
 * Best practice 7, leverage task management: schedule with {@code createTask}, then gather. Tasks
 * A (2 s), B (3 s), C (1 s) complete in the order C, A, B. From tutorial S003 ("Best Practices").
 *
 * <pre>{@code
 * async def task(name, duration):
 *     await asyncio.sleep(duration)
 *     print(f"Task {name} completed")
 *
 * async def main():
 *     tasks = [
 *         asyncio.create_task(task("A", 2)),
 *         asyncio.create_task(task("B", 3)),
 *         asyncio.create_task(task("C", 1))
 *     ]
 *     await asyncio.gather(*tasks)
 * }</pre>
 */
public final class TaskManagement {
  private TaskManagement() {}

  @Async
  static Coroutine<Void> task(String name, double duration) {
    Await.of(sleep(duration));
    System.out.println("Task " + name + " completed");
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> main() {
    List<Task<Void>> tasks = List.of(
        createTask(task("A", 2)),
        createTask(task("B", 3)),
        createTask(task("C", 1)));
    Await.of(gather(tasks));
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(TaskManagementAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
