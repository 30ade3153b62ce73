package org.asyncio4j.examples;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * Best practice 5, use {@code Asyncio.run} appropriately: one entry point for the event loop, in
 * {@code main}; never from code already running on a loop (that raises {@link
 * IllegalStateException}, as Python raises {@code RuntimeError}). From tutorial S003 ("Best
 * Practices").
 *
 * <pre>{@code
 * async def main():
 *     print("Hello, Asyncio!")
 *
 * if __name__ == "__main__":
 *     asyncio.run(main())
 * }</pre>
 */
public final class SingleEntryPoint {
  private SingleEntryPoint() {}

  @Async
  static Coroutine<Void> main() {
    System.out.println("Hello, Asyncio!");
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(SingleEntryPointAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
