package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * Two coroutines run concurrently with {@code gather}: both start at once, the 1 s one finishes
 * first, the whole takes 2 s. From tutorial S002 ("Tasks").
 *
 * <pre>{@code
 * async def task1():
 *     print("Task 1 started")
 *     await asyncio.sleep(1)
 *     print("Task 1 finished")
 *
 * async def task2():
 *     print("Task 2 started")
 *     await asyncio.sleep(2)
 *     print("Task 2 finished")
 *
 * async def main():
 *     await asyncio.gather(task1(), task2())
 * }</pre>
 */
public final class TwoTasksGather {
  private TwoTasksGather() {}

  @Async
  static Coroutine<Void> task1() {
    System.out.println("Task 1 started");
    Await.of(sleep(1));
    System.out.println("Task 1 finished");
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> task2() {
    System.out.println("Task 2 started");
    Await.of(sleep(2));
    System.out.println("Task 2 finished");
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> main() {
    Await.of(gather(task1(), task2()));
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(TwoTasksGatherAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
