package org.asyncio4j.examples;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * The smallest program of tutorial S002 ("Asynchronous Python", section "Event Loop"): the event
 * loop runs one coroutine.
 *
 * <pre>{@code
 * async def main():
 *     print("Hello, Async World!")
 *
 * asyncio.run(main())
 * }</pre>
 */
public final class HelloAsyncWorld {
  private HelloAsyncWorld() {}

  @Async
  static Coroutine<Void> main() {
    System.out.println("Hello, Async World!");
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(HelloAsyncWorldAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
