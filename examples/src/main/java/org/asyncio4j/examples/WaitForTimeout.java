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
 * Handling slow operations with timeouts: {@code waitFor} cancels the operation after 2 s and
 * raises {@link TimeoutError}. From tutorial S000.
 *
 * <pre>{@code
 * async def slow_operation():
 *     print("Slow operation started")
 *     await asyncio.sleep(5)  # Simulate a slow operation
 *     return "Slow operation result"
 *
 * async def main():
 *     try:
 *         # Wait for slow_operation(), but only for 2 seconds
 *         result = await asyncio.wait_for(slow_operation(), timeout=2)
 *         print(f"Result: {result}")
 *     except asyncio.TimeoutError:
 *         print("Operation timed out")
 * }</pre>
 */
public final class WaitForTimeout {
  private WaitForTimeout() {}

  // tutorial:start wait-for
  @Async
  static Coroutine<String> slowOperation() {
    System.out.println("Slow operation started");
    Await.of(sleep(5)); // Simulate a slow operation
    return Coroutine.of("Slow operation result");
  }

  @Async
  static Coroutine<Void> main() {
    try {
      // Wait for slowOperation(), but only for 2 seconds
      String result = Await.of(waitFor(slowOperation(), 2));
      System.out.println("Result: " + result);
    } catch (TimeoutError e) {
      System.out.println("Operation timed out");
    }
    return Coroutine.done();
  }
  // tutorial:end wait-for

  static void run(RunOptions options) {
    Asyncio.run(WaitForTimeoutAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
