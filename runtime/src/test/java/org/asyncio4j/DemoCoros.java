package org.asyncio4j;

import java.util.function.Supplier;

/**
 * Hand-written coroutines shaped like the processor's output for a user class {@code demo.Shop}
 * ({@code Shop.java}): each overrides {@link Coroutine#sourceFrame(int)} from a label-to-line
 * table, as generated code does, so the diagnostics tests see the user's class, method and lines.
 */
final class DemoCoros {
  private DemoCoros() {}

  /**
   * {@code method} of demo.Shop: starts at line {@code startLine}, awaits {@code next} (if not
   * null) at line {@code awaitLine}, then throws {@code failure} (if not null) or returns the
   * awaited value.
   */
  static final class Method<T> extends Coroutine<T> {
    final String method;
    final int startLine;
    final int awaitLine;
    final Supplier<? extends Awaitable<T>> next;
    final Throwable failure;
    /** If not null, a new IllegalStateException with this message is thrown after the await. */
    String failMessage;

    Method(
        String method,
        int startLine,
        int awaitLine,
        Supplier<? extends Awaitable<T>> next,
        Throwable failure) {
      this.method = method;
      this.startLine = startLine;
      this.awaitLine = awaitLine;
      this.next = next;
      this.failure = failure;
    }

    @Override
    protected void resume() throws Throwable {
      switch (label) {
        case 0:
          if (next != null && !await(next.get(), 1)) {
            return;
          }
          // fall through
        case 1:
          T value = next == null ? null : awaitResult();
          if (failure != null) {
            throw failure;
          }
          if (failMessage != null) {
            throw new IllegalStateException(failMessage);
          }
          complete(value);
          return;
        default:
          throw new AssertionError(label);
      }
    }

    @Override
    protected StackTraceElement sourceFrame(int label) {
      return new StackTraceElement("demo.Shop", method, "Shop.java", label == 0 ? startLine : awaitLine);
    }

    @Override
    protected String describe() {
      return "Shop." + method + "(Shop.java:" + startLine + ")";
    }
  }

  /** A coroutine of demo.Shop that awaits {@code next} at {@code awaitLine}. */
  static <T> Coroutine<T> awaiting(
      String method, int startLine, int awaitLine, Supplier<? extends Awaitable<T>> next) {
    return new Method<>(method, startLine, awaitLine, next, null);
  }

  /**
   * A coroutine of demo.Shop that sleeps {@code delay} at {@code awaitLine}, then throws a new
   * {@code IllegalStateException(message)} from its {@code resume()}.
   */
  static <T> Coroutine<T> throwingAfterSleep(
      String method, int startLine, int awaitLine, double delay, String message) {
    Method<T> m = new Method<T>(method, startLine, awaitLine, () -> Asyncio.sleep(delay, null), null);
    m.failMessage = message;
    return m;
  }

  /** A coroutine of demo.Shop that sleeps {@code delay} at {@code awaitLine}, then throws. */
  static <T> Coroutine<T> failingAfterSleep(
      String method, int startLine, int awaitLine, double delay, Throwable failure) {
    return new Method<T>(method, startLine, awaitLine, () -> Asyncio.sleep(delay, null), failure);
  }
}
