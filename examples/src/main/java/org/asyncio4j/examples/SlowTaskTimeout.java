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
 * Time limits with {@code waitFor}: a 5 s task under a 2 s limit. From tutorial S002
 * ("Timeouts").
 *
 * <pre>{@code
 * async def slow_task():
 *     await asyncio.sleep(5)
 *
 * async def main():
 *     try:
 *         await asyncio.wait_for(slow_task(), timeout=2)
 *     except asyncio.TimeoutError:
 *         print("Task timed out")
 * }</pre>
 */
public final class SlowTaskTimeout {
  private SlowTaskTimeout() {}

  @Async
  static Coroutine<Void> slowTask() {
    Await.of(sleep(5));
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> main() {
    try {
      Await.of(waitFor(slowTask(), 2));
    } catch (TimeoutError e) {
      System.out.println("Task timed out");
    }
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(SlowTaskTimeoutAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
