package org.asyncio4j;

import java.util.concurrent.CompletionStage;

/**
 * Python's {@code await}, as an expression: {@code String page = Await.of(fetch(url));}.
 *
 * <p>Legal only inside an {@code @Async} method. The asyncio4j annotation processor rewrites every
 * {@code Await.of} of an {@code @Async} body into a suspension point of the generated state
 * machine, so these methods never run there. Called anywhere else they throw {@link
 * IllegalStateException} explaining what to call instead; they never block.
 */
public final class Await {
  private Await() {}

  /** The result of {@code awaitable}, suspending the coroutine until it is available. */
  public static <T> T of(Awaitable<T> awaitable) {
    throw outsideCoroutine();
  }

  /**
   * The result of a JDK {@link CompletionStage}; the coroutine resumes on the loop thread, and a
   * failed stage's exception is thrown unwrapped (never a {@code CompletionException}).
   */
  public static <T> T of(CompletionStage<T> stage) {
    throw outsideCoroutine();
  }

  /**
   * Like {@link #of(Awaitable)}, declaring that the await may throw the checked exception {@code
   * X}, so that a {@code catch (X e)} around it compiles.
   */
  public static <T, X extends Throwable> T of(Awaitable<T> awaitable, Class<X> mayThrow) throws X {
    throw outsideCoroutine();
  }

  /**
   * Python's {@code async for}: {@code for (T x : Await.each(items)) { ... }} inside an {@code
   * @Async} method awaits each element of {@code items}. Legal only as the iterable of an
   * enhanced {@code for} in an {@code @Async} method; called anywhere else it throws.
   */
  public static <T> Iterable<T> each(AsyncIterable<T> items) {
    throw outsideCoroutine();
  }

  private static IllegalStateException outsideCoroutine() {
    StackWalker.StackFrame caller =
        StackWalker.getInstance()
            .walk(
                frames ->
                    frames
                        .filter(f -> !f.getClassName().equals(Await.class.getName()))
                        .findFirst()
                        .orElse(null));
    String where = "";
    String fix = "call the generated coroutine (for a class C, CAsync.method(...)) instead";
    if (caller != null) {
      String cls = caller.getClassName();
      String simple = cls.substring(cls.lastIndexOf('.') + 1);
      String generated = simple.replace('$', '_') + "Async";
      where = " in " + cls + "." + caller.getMethodName()
          + (caller.getFileName() != null ? " (" + caller.getFileName() + ":" + caller.getLineNumber() + ")" : "");
      fix = "call " + generated + "." + caller.getMethodName() + "(...) instead of " + simple + "."
          + caller.getMethodName() + "(...)";
    }
    return new IllegalStateException(
        "Await.of was called outside a coroutine" + where + ". Await.of only works inside an @Async"
            + " method compiled by the asyncio4j annotation processor: " + fix + ", and check that"
            + " asyncio4j-processor is on the compiler's annotationProcessorPaths.");
  }
}
