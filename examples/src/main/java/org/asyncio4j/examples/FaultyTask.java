package org.asyncio4j.examples;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * Errors in coroutines are caught with an ordinary try/catch around the await: the exception
 * arrives as thrown. From tutorial S002 ("Error Handling in Async Code").
 *
 * <pre>{@code
 * async def faulty_task():
 *     raise ValueError("Something went wrong")
 *
 * async def main():
 *     try:
 *         await faulty_task()
 *     except ValueError as e:
 *         print(f"Caught an error: {e}")
 * }</pre>
 */
public final class FaultyTask {
  private FaultyTask() {}

  @Async
  static Coroutine<Void> faultyTask() {
    throw new ValueError("Something went wrong");
  }

  @Async
  static Coroutine<Void> main() {
    try {
      Await.of(faultyTask());
    } catch (ValueError e) {
      System.out.println("Caught an error: " + e.getMessage());
    }
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(FaultyTaskAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
