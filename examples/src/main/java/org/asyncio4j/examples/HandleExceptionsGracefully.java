package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * Best practice 4, handle exceptions gracefully: catch them inside the coroutine. From tutorial
 * S003 ("Best Practices").
 *
 * <pre>{@code
 * async def risky_operation():
 *     try:
 *         # Code that might raise an exception
 *         await asyncio.sleep(1)
 *         raise ValueError("An error occurred!")
 *     except ValueError as e:
 *         print(f"Caught an exception: {e} ❌")
 *
 * async def main():
 *     await asyncio.gather(risky_operation())
 * }</pre>
 *
 * <p>The tutorial motivates this with "unhandled exceptions in coroutines can crash the event
 * loop", which is not what happens: an exception leaving a task is stored in the task (and
 * reported if nobody retrieves it), one leaving a callback goes to the loop's exception handler
 * and the loop keeps running; only the main coroutine's exception propagates out of {@code
 * Asyncio.run}.
 */
public final class HandleExceptionsGracefully {
  private HandleExceptionsGracefully() {}

  // tutorial:start try-catch
  @Async
  static Coroutine<Void> riskyOperation() {
    try {
      // Code that might raise an exception
      Await.of(sleep(1));
      throw new ValueError("An error occurred!");
    } catch (ValueError e) {
      System.out.println("Caught an exception: " + e.getMessage() + " ❌");
    }
    return Coroutine.done();
  }
  // tutorial:end try-catch

  @Async
  static Coroutine<Void> main() {
    Await.of(gather(riskyOperation()));
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(HandleExceptionsGracefullyAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
