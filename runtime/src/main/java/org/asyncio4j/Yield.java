package org.asyncio4j;

/**
 * Python's {@code yield} inside an async generator: {@code Yield.of(value);}.
 *
 * <p>Legal only as a statement inside an {@code @Async} method declared to return {@link
 * AsyncGenerator}; the asyncio4j annotation processor turns it into a suspension point of the
 * generated generator. Called anywhere else it throws {@link IllegalStateException}.
 */
public final class Yield {
  private Yield() {}

  /** Hands {@code value} to the {@code async for} that iterates this generator and suspends. */
  public static <T> void of(T value) {
    throw new IllegalStateException(
        "Yield.of was called outside an async generator. Yield.of only works inside an @Async"
            + " method declared to return AsyncGenerator<T> and compiled by the asyncio4j"
            + " annotation processor: call the generated method (for a class C, CAsync.method(...))"
            + " and iterate it with for (T x : Await.each(...)) inside an @Async method.");
  }
}
