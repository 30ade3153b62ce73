package org.asyncio4j.examples;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * A coroutine with a parameter, run by {@code Asyncio.run}. From tutorial S002 ("Coroutines").
 *
 * <pre>{@code
 * async def greet(name):
 *     print(f"Hello, {name}!")
 *
 * # Calling the coroutine function
 * asyncio.run(greet("World"))
 * }</pre>
 */
public final class GreetWorld {
  private GreetWorld() {}

  @Async
  static Coroutine<Void> greet(String name) {
    System.out.println("Hello, " + name + "!");
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    // Calling the coroutine method
    Asyncio.run(GreetWorldAsync.greet("World"), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
