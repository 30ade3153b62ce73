package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;

/**
 * Best practice 6, understand the event loop: tasks start as soon as they are created, so
 * awaiting them one after the other still takes 2 s, not 3. From tutorial S003 ("Best
 * Practices").
 *
 * <pre>{@code
 * async def say_after(delay, what):
 *     await asyncio.sleep(delay)
 *     print(what)
 *
 * async def main():
 *     task1 = asyncio.create_task(say_after(1, "Hello"))
 *     task2 = asyncio.create_task(say_after(2, "World"))
 *     print("Tasks created")
 *     await task1
 *     await task2
 * }</pre>
 */
public final class SayAfterTasks {
  private SayAfterTasks() {}

  // tutorial:start create-task
  @Async
  static Coroutine<Void> sayAfter(double delay, String what) {
    Await.of(sleep(delay));
    System.out.println(what);
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> main() {
    Task<Void> task1 = createTask(sayAfter(1, "Hello"));
    Task<Void> task2 = createTask(sayAfter(2, "World"));

    System.out.println("Tasks created");
    Await.of(task1);
    Await.of(task2);
    return Coroutine.done();
  }
  // tutorial:end create-task

  static void run(RunOptions options) {
    Asyncio.run(SayAfterTasksAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
