package org.asyncio4j.examples.guide;

// tutorial:start guide-interop
import static org.asyncio4j.Asyncio.*;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.asyncio4j.*;

public class Interop {
  /** A library method that knows nothing about asyncio4j. */
  static CompletableFuture<String> lookup(String key) {
    return CompletableFuture.supplyAsync(() -> key.toUpperCase());
  }

  @Async
  static Coroutine<String> fetch(String key) {
    String value = Await.of(lookup(key)); // resumes on the loop thread when the stage completes
    return Coroutine.of(value);
  }

  @Async
  static Coroutine<Void> main() {
    Future<String> b = wrapFuture(lookup("b")); // a Future of this loop: cancel(), addDoneCallback
    Task<String> a = createTask(fetch("a"));
    CompletableFuture<String> cf = a.toCompletableFuture(); // hand a result to JDK code
    cf.thenAccept(v -> System.out.println("JDK code got " + v));
    List<String> both = Await.of(gather(a, b));
    System.out.println(both); // [A, B]
    return Coroutine.done();
  }

  public static void main(String[] args) {
    Asyncio.run(InteropAsync.main());
  }
}
// tutorial:end guide-interop
