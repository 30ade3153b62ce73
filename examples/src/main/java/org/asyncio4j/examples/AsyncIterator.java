package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.AsyncGenerator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Yield;

/**
 * An async iterator: an async generator that awaits between values, consumed with {@code async
 * for} ({@code for (int i : Await.each(asyncRange(1, 5)))}). From tutorial S000 ("Async Context
 * Managers and Async Iterators"; the context-manager half of that program is {@link
 * AsyncContextManager}).
 *
 * <pre>{@code
 * async def async_range(start, stop):
 *     for i in range(start, stop):
 *         await asyncio.sleep(0.5)  # Simulate some async work
 *         yield i
 *
 * async def main():
 *     print("Starting async iteration")
 *     async for i in async_range(1, 5):
 *         print(f"Got value: {i}")
 *     print("Finished async iteration")
 * }</pre>
 */
public final class AsyncIterator {
  private AsyncIterator() {}

  // tutorial:start async-for
  // An async iterator
  @Async
  static AsyncGenerator<Integer> asyncRange(int start, int stop) {
    for (int i = start; i < stop; i++) {
      Await.of(sleep(0.5)); // Simulate some async work
      Yield.of(i);
    }
    return AsyncGenerator.end();
  }

  @Async
  static Coroutine<Void> main() {
    // Using an async iterator
    System.out.println("Starting async iteration");
    for (int i : Await.each(asyncRange(1, 5))) {
      System.out.println("Got value: " + i);
    }
    System.out.println("Finished async iteration");
    return Coroutine.done();
  }
  // tutorial:end async-for

  static void run(RunOptions options) {
    Asyncio.run(AsyncIteratorAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
