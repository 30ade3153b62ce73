package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Future;
import org.asyncio4j.RunOptions;

/**
 * Futures: a low-level awaitable whose result another task sets after 2 s. From tutorial S001
 * ("Futures").
 *
 * <pre>{@code
 * async def set_future_result(future, value, delay):
 *     await asyncio.sleep(delay)
 *     future.set_result(value)
 *
 * async def future_demo():
 *     future = asyncio.Future()
 *     asyncio.create_task(set_future_result(future, "Future result", 2))
 *     print("Waiting for future result...")
 *     result = await future
 *     print(f"Got result: {result}")
 * }</pre>
 */
public final class FutureDemo {
  private FutureDemo() {}

  // tutorial:start future
  @Async
  static Coroutine<Void> setFutureResult(Future<String> future, String value, double delay) {
    Await.of(sleep(delay));
    future.setResult(value);
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> futureDemo() {
    // Create a future
    Future<String> future = new Future<>();

    // Schedule a coroutine to set the future's result
    createTask(setFutureResult(future, "Future result", 2));

    // Wait for the future to have a result
    System.out.println("Waiting for future result...");
    String result = Await.of(future);
    System.out.println("Got result: " + result);
    return Coroutine.done();
  }
  // tutorial:end future

  static void run(RunOptions options) {
    Asyncio.run(FutureDemoAsync.futureDemo(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
