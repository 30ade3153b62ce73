package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * Pitfall: forgetting to await. Calling a coroutine method only creates the coroutine; without
 * {@code Await.of} nothing runs (the processor warns about the dropped coroutine at compile
 * time, as Python warns "coroutine 'sleep' was never awaited" at run time; the example suppresses
 * the warning with {@code @SuppressWarnings("asyncio4j:never-awaited")}, the pitfall being its
 * point). From tutorial S000.
 *
 * <pre>{@code
 * async def main():
 *     # Wrong - this doesn't execute the coroutine
 *     asyncio.sleep(1)
 *
 *     # Correct - this executes the coroutine
 *     await asyncio.sleep(1)
 * }</pre>
 *
 * <p>The program prints nothing and takes 1 s, not 2.
 */
public final class PitfallForgottenAwait {
  private PitfallForgottenAwait() {}

  // The forgotten await is the point of the example: keep it without the processor's warning.
  @SuppressWarnings("asyncio4j:never-awaited")
  @Async
  static Coroutine<Void> main() {
    // Wrong - this doesn't execute the coroutine
    sleep(1);

    // Correct - this executes the coroutine
    Await.of(sleep(1));
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(PitfallForgottenAwaitAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
