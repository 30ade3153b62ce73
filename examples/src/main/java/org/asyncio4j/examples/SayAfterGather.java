package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.getRunningLoop;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * Four coroutines run concurrently with {@code gather}: the total time is the longest delay (4 s),
 * not the sum (10 s). From tutorial S000 ("Running Your First Async Program").
 *
 * <pre>{@code
 * async def say(delay, message):
 *     await asyncio.sleep(delay)
 *     print(message)
 *
 * async def main():
 *     start_time = time.time()
 *     await asyncio.gather(say(1, "Hello"), say(2, "World"), say(3, "from"), say(4, "asyncio!"))
 *     end_time = time.time()
 *     print(f"Total execution time: {end_time - start_time:.2f} seconds")
 * }</pre>
 *
 * <p>Times come from the loop's clock ({@code loop.time()}), so a virtual-time run prints exact
 * figures.
 */
public final class SayAfterGather {
  private SayAfterGather() {}

  // tutorial:start gather
  @Async
  static Coroutine<Void> say(double delay, String message) {
    Await.of(sleep(delay));
    System.out.println(message);
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> main() {
    double startTime = getRunningLoop().time();

    // These will run concurrently:
    Await.of(gather(
        say(1, "Hello"),
        say(2, "World"),
        say(3, "from"),
        say(4, "asyncio!")));

    double endTime = getRunningLoop().time();
    System.out.printf("Total execution time: %.2f seconds%n", endTime - startTime);
    return Coroutine.done();
  }
  // tutorial:end gather

  static void run(RunOptions options) {
    Asyncio.run(SayAfterGatherAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
