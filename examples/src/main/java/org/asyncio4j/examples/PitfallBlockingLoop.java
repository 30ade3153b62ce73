package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * Pitfall: blocking the event loop. {@code Thread.sleep} (Python's {@code time.sleep}) inside a
 * coroutine stops the whole loop: the other task cannot even start until it returns (the
 * processor warns about the blocking call at compile time; the example suppresses the warning
 * with {@code @SuppressWarnings("asyncio4j:blocking-call")}, the pitfall being its point). From
 * tutorial S000.
 *
 * <pre>{@code
 * async def blocking_task():
 *     print("Starting blocking task")
 *     # This blocks the entire event loop
 *     time.sleep(5)  # Use 'await asyncio.sleep(5)' instead
 *     print("Finished blocking task")
 *
 * async def another_task():
 *     print("Starting another task")
 *     await asyncio.sleep(1)
 *     print("This won't print until the blocking task is done")
 *
 * async def main():
 *     await asyncio.gather(blocking_task(), another_task())
 * }</pre>
 */
public final class PitfallBlockingLoop {
  private PitfallBlockingLoop() {}

  // The blocking call is the point of the example: keep it without the processor's warning.
  @SuppressWarnings("asyncio4j:blocking-call")
  @Async
  static Coroutine<Void> blockingTask() {
    System.out.println("Starting blocking task");
    // This blocks the entire event loop
    try {
      Thread.sleep(5000); // Use 'Await.of(sleep(5))' instead
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.out.println("Finished blocking task");
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> anotherTask() {
    System.out.println("Starting another task");
    Await.of(sleep(1));
    System.out.println("This won't print until the blocking task is done");
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> main() {
    Await.of(gather(blockingTask(), anotherTask()));
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(PitfallBlockingLoopAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
