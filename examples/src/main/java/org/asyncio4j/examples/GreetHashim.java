package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * The basic example of tutorial S003 ("Introducing Asyncio in Python"): a greeting after a
 * simulated 1 s I/O operation.
 *
 * <pre>{@code
 * async def greet(name):
 *     await asyncio.sleep(1)  # Simulate an I/O-bound operation
 *     print(f"Hello, {name}! 👋")
 *
 * asyncio.run(greet("Hashim"))
 * }</pre>
 */
public final class GreetHashim {
  private GreetHashim() {}

  @Async
  static Coroutine<Void> greet(String name) {
    Await.of(sleep(1)); // Simulate an I/O-bound operation
    System.out.println("Hello, " + name + "! 👋");
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(GreetHashimAsync.greet("Hashim"), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
