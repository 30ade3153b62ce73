package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * The first async program of tutorial S000 ("Running Your First Async Program"): print, sleep one
 * second without blocking, print again.
 *
 * <pre>{@code
 * async def hello_world():
 *     print("Hello")
 *     await asyncio.sleep(1)  # Pause for 1 second
 *     print("World")
 *
 * asyncio.run(hello_world())
 * }</pre>
 */
public final class HelloWorld {
  private HelloWorld() {}

  // tutorial:start hello-world
  @Async
  static Coroutine<Void> helloWorld() {
    System.out.println("Hello");
    Await.of(sleep(1)); // Pause for 1 second
    System.out.println("World");
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(HelloWorldAsync.helloWorld(), options);
  }
  // tutorial:end hello-world

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
