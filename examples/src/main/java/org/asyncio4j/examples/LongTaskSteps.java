package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * Best practice 3, limit long-running tasks: break the work into steps that each yield to the
 * loop, so two long tasks progress together (two "Step completed" lines per second, 5 s in all).
 * From tutorial S003 ("Best Practices").
 *
 * <pre>{@code
 * async def long_task():
 *     # Break down into smaller steps
 *     for _ in range(5):
 *         await asyncio.sleep(1)
 *         print("Step completed")
 *
 * async def main():
 *     await asyncio.gather(long_task(), long_task())
 * }</pre>
 */
public final class LongTaskSteps {
  private LongTaskSteps() {}

  @Async
  static Coroutine<Void> longTask() {
    // Break down into smaller steps
    for (int n = 0; n < 5; n++) {
      Await.of(sleep(1));
      System.out.println("Step completed");
    }
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> main() {
    Await.of(gather(longTask(), longTask()));
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(LongTaskStepsAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
