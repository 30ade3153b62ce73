package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;

/**
 * {@code createTask} schedules a coroutine in the background at once; awaiting the task waits for
 * it. From tutorial S002 ("asyncio.gather vs. asyncio.create_task"), with the {@code task1} and
 * {@code task2} coroutines of {@link TwoTasksGather}.
 *
 * <pre>{@code
 * async def main():
 *     task1 = asyncio.create_task(task1())
 *     task2 = asyncio.create_task(task2())
 *     await task1
 *     await task2
 * }</pre>
 *
 * <p>The tutorial's snippet is broken: assigning {@code task1} in {@code main} makes it a local
 * name, so {@code task1()} on the right-hand side raises {@code UnboundLocalError}. In Java a
 * local variable and a method can share a name without clashing, so the port runs as intended:
 * both tasks start at once and the whole takes 2 s.
 */
public final class CreateTaskAwait {
  private CreateTaskAwait() {}

  @Async
  static Coroutine<Void> main() {
    Task<Void> task1 = createTask(TwoTasksGather.task1());
    Task<Void> task2 = createTask(TwoTasksGather.task2());
    Await.of(task1);
    Await.of(task2);
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(CreateTaskAwaitAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
