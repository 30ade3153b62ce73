package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.Asyncio.waitFor;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;
import org.asyncio4j.TimeoutError;

/**
 * Timeouts: a 5 s operation under a 2 s {@code waitFor} is cancelled, so "Slow operation
 * finished" never prints. From tutorial S001 ("Timeouts").
 *
 * <pre>{@code
 * async def potentially_slow_operation():
 *     print("Slow operation started")
 *     await asyncio.sleep(5)  # Simulate a slow operation
 *     print("Slow operation finished")
 *     return "Operation result"
 *
 * async def timeout_demo():
 *     try:
 *         result = await asyncio.wait_for(potentially_slow_operation(), timeout=2)
 *         print(f"Got result: {result}")
 *     except asyncio.TimeoutError:
 *         print("Operation timed out!")
 * }</pre>
 */
public final class TimeoutDemo {
  private TimeoutDemo() {}

  @Async
  static Coroutine<String> potentiallySlowOperation() {
    System.out.println("Slow operation started");
    Await.of(sleep(5)); // Simulate a slow operation
    System.out.println("Slow operation finished");
    return Coroutine.of("Operation result");
  }

  @Async
  static Coroutine<Void> timeoutDemo() {
    try {
      // Set a 2-second timeout for the operation
      String result = Await.of(waitFor(potentiallySlowOperation(), 2));
      System.out.println("Got result: " + result);
    } catch (TimeoutError e) {
      System.out.println("Operation timed out!");
    }
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(TimeoutDemoAsync.timeoutDemo(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
