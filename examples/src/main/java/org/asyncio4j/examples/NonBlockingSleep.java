package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * Best practice 1, avoid blocking calls: sleep with the loop's non-blocking {@code sleep}, not
 * {@code Thread.sleep}. From tutorial S003 ("Best Practices"). Prints nothing; takes 1 s.
 *
 * <pre>{@code
 * async def main():
 *     await asyncio.sleep(1)  # Non-blocking sleep
 *     # Instead of time.sleep(1), which is blocking
 * }</pre>
 */
public final class NonBlockingSleep {
  private NonBlockingSleep() {}

  @Async
  static Coroutine<Void> main() {
    Await.of(sleep(1)); // Non-blocking sleep
    // Instead of Thread.sleep(1000), which is blocking
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(NonBlockingSleepAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
