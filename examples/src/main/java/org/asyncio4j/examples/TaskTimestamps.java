package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.getRunningLoop;
import static org.asyncio4j.Asyncio.sleep;

import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * The event loop in action: three tasks start together, finish in the order of their delays, and
 * {@code gather} returns their results in argument order. From tutorial S000.
 *
 * <pre>{@code
 * async def task(name, delay):
 *     print(f"{time.time():.2f}: {name} starting, will sleep for {delay} seconds")
 *     await asyncio.sleep(delay)
 *     print(f"{time.time():.2f}: {name} finished after {delay} seconds")
 *     return f"{name} result"
 *
 * async def main():
 *     start_time = time.time()
 *     print(f"{start_time:.2f}: Main starting")
 *     results = await asyncio.gather(task("Task 1", 2), task("Task 2", 1), task("Task 3", 3))
 *     end_time = time.time()
 *     print(f"{end_time:.2f}: Main finished, total time: {end_time - start_time:.2f} seconds")
 *     print(f"Results: {results}")
 * }</pre>
 *
 * <p>The stamps are the loop's clock ({@code loop.time()}) instead of the wall clock, so a
 * virtual-time run starts at 0.00 and prints exact figures (the tutorial's "3.01 seconds" is 3.00).
 */
public final class TaskTimestamps {
  private TaskTimestamps() {}

  static double time() {
    return getRunningLoop().time();
  }

  @Async
  static Coroutine<String> task(String name, int delay) {
    System.out.printf("%.2f: %s starting, will sleep for %d seconds%n", time(), name, delay);
    Await.of(sleep(delay));
    System.out.printf("%.2f: %s finished after %d seconds%n", time(), name, delay);
    return Coroutine.of(name + " result");
  }

  @Async
  static Coroutine<Void> main() {
    double startTime = time();
    System.out.printf("%.2f: Main starting%n", startTime);

    List<String> results = Await.of(gather(
        task("Task 1", 2),
        task("Task 2", 1),
        task("Task 3", 3)));

    double endTime = time();
    System.out.printf(
        "%.2f: Main finished, total time: %.2f seconds%n", endTime, endTime - startTime);
    System.out.println("Results: " + results);
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(TaskTimestampsAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
