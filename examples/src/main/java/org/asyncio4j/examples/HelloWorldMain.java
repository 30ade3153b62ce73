package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * The first program of tutorial S004 ("Unleashing the Power of Async"): a {@code main} coroutine
 * awaits another one, which runs inline, in the same task.
 *
 * <pre>{@code
 * async def hello_world():
 *     print("Hello, ")
 *     await asyncio.sleep(1) # Simulate an I/O-bound operation
 *     print("World!")
 *
 * async def main():
 *     await hello_world()
 *
 * if __name__ == "__main__":
 *     asyncio.run(main())
 * }</pre>
 */
public final class HelloWorldMain {
  private HelloWorldMain() {}

  @Async
  static Coroutine<Void> helloWorld() {
    System.out.println("Hello, ");
    Await.of(sleep(1)); // Simulate an I/O-bound operation
    System.out.println("World!");
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> main() {
    Await.of(helloWorld());
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(HelloWorldMainAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
