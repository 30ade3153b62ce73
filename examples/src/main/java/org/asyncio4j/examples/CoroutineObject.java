package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * Calling a coroutine method runs nothing: it returns a coroutine object, which runs when it is
 * awaited. From tutorial S001 ("Coroutines and the async/await Syntax").
 *
 * <pre>{@code
 * async def my_coroutine():
 *     print("Coroutine started")
 *     await asyncio.sleep(1)  # Give up control and allow other coroutines to run
 *     print("Coroutine resumed after 1 second")
 *     return "Coroutine completed"
 *
 * # This won't execute the coroutine, it just creates a coroutine object
 * coro = my_coroutine()
 * print(f"Type of my_coroutine(): {type(coro)}")
 *
 * # To actually run a coroutine, you need to schedule it on the event loop
 * result = await my_coroutine()
 * print(f"Result: {result}")
 * }</pre>
 *
 * <p>Python prints {@code <class 'coroutine'>}; the Java coroutine object is an instance of a
 * generated subclass of {@link Coroutine}, and the port prints that base class. The notebook's
 * top-level {@code await} becomes a {@code main} coroutine. As in Python, the first coroutine
 * object is never run.
 */
public final class CoroutineObject {
  private CoroutineObject() {}

  // tutorial:start coroutine-object
  @Async
  static Coroutine<String> myCoroutine() {
    System.out.println("Coroutine started");
    Await.of(sleep(1)); // Give up control and allow other coroutines to run
    System.out.println("Coroutine resumed after 1 second");
    return Coroutine.of("Coroutine completed");
  }

  @Async
  static Coroutine<Void> main() {
    // This won't execute the coroutine, it just creates a coroutine object
    Coroutine<String> coro = myCoroutine();
    System.out.println("Type of myCoroutine(): " + coro.getClass().getSuperclass().getName());

    // To actually run a coroutine, you need to schedule it on the event loop
    String result = Await.of(myCoroutine());
    System.out.println("Result: " + result);
    return Coroutine.done();
  }
  // tutorial:end coroutine-object

  static void run(RunOptions options) {
    Asyncio.run(CoroutineObjectAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
