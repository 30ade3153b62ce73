package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * {@code await} pauses the coroutine until the awaited sleep completes. From tutorial S002 ("The
 * await Keyword").
 *
 * <pre>{@code
 * async def say_hello():
 *     print("Waiting...")
 *     await asyncio.sleep(2)
 *     print("Hello!")
 *
 * asyncio.run(say_hello())
 * }</pre>
 */
public final class SayHello {
  private SayHello() {}

  @Async
  static Coroutine<Void> sayHello() {
    System.out.println("Waiting...");
    Await.of(sleep(2));
    System.out.println("Hello!");
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(SayHelloAsync.sayHello(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
