package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import org.asyncio4j.Async;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * An async context manager: a resource whose acquisition and release await. {@code try
 * (AsyncResource resource = ...)} on an {@link AsyncCloseable} is Python's {@code async with}:
 * {@code enterAsync()} is {@code __aenter__}, {@code exitAsync(error)} is {@code __aexit__}. From
 * tutorial S000 ("Async Context Managers and Async Iterators"; the iterator half of that program
 * is {@link AsyncIterator}).
 *
 * <pre>{@code
 * class AsyncResource:
 *     async def __aenter__(self):
 *         print("Acquiring resource")
 *         await asyncio.sleep(1)  # Simulate resource acquisition
 *         print("Resource acquired")
 *         return self
 *
 *     async def __aexit__(self, exc_type, exc, tb):
 *         print("Releasing resource")
 *         await asyncio.sleep(1)  # Simulate resource release
 *         print("Resource released")
 *
 *     async def use(self):
 *         print("Using resource")
 *         await asyncio.sleep(1)
 *         return "Resource result"
 *
 * async def main():
 *     async with AsyncResource() as resource:
 *         result = await resource.use()
 *         print(f"Got result: {result}")
 * }</pre>
 *
 * <p>Instance {@code @Async} methods live in an abstract class; the processor generates the
 * concrete subclass {@code AsyncContextManager_AsyncResourceAsync}, which {@code create()}
 * instantiates. Python's {@code __aexit__} returning {@code None} (falsy: do not suppress) is
 * {@code Coroutine.of(false)}.
 */
public final class AsyncContextManager {
  private AsyncContextManager() {}

  // tutorial:start async-with
  /** An async context manager. */
  abstract static class AsyncResource implements AsyncCloseable {
    static AsyncResource create() {
      return new AsyncContextManager_AsyncResourceAsync();
    }

    @Async
    @Override
    public Coroutine<AsyncResource> enterAsync() {
      System.out.println("Acquiring resource");
      Await.of(sleep(1)); // Simulate resource acquisition
      System.out.println("Resource acquired");
      return Coroutine.of(this);
    }

    @Async
    @Override
    public Coroutine<Boolean> exitAsync(Throwable error) {
      System.out.println("Releasing resource");
      Await.of(sleep(1)); // Simulate resource release
      System.out.println("Resource released");
      return Coroutine.of(false);
    }

    @Async
    Coroutine<String> use() {
      System.out.println("Using resource");
      Await.of(sleep(1));
      return Coroutine.of("Resource result");
    }
  }

  @Async
  static Coroutine<Void> main() {
    // Using an async context manager
    try (AsyncResource resource = AsyncResource.create()) {
      String result = Await.of(resource.use());
      System.out.println("Got result: " + result);
    }
    return Coroutine.done();
  }
  // tutorial:end async-with

  static void run(RunOptions options) {
    Asyncio.run(AsyncContextManagerAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
