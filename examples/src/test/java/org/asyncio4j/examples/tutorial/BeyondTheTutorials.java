package org.asyncio4j.examples.tutorial;

import static org.asyncio4j.Asyncio.asCompleted;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.Asyncio.timeout;
import static org.asyncio4j.Asyncio.toThread;

import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Timeout;
import org.asyncio4j.TimeoutError;

/**
 * asyncio features that docs/tutorial.md shows although none of the five tutorials uses them:
 * {@code as_completed}, {@code asyncio.timeout} and {@code to_thread}. Compiled and run by {@link
 * BeyondTheTutorialsTest}.
 */
final class BeyondTheTutorials {
  private BeyondTheTutorials() {}

  // tutorial:start as-completed
  @Async
  static Coroutine<String> job(String name, double delay) {
    Await.of(sleep(delay));
    return Coroutine.of(name);
  }

  @Async
  static Coroutine<Void> asCompletedDemo() {
    List<Coroutine<String>> jobs = List.of(job("slow", 3), job("fast", 1), job("medium", 2));
    for (Coroutine<String> next : asCompleted(jobs)) {
      String name = Await.of(next); // the next result to arrive
      System.out.println("Finished: " + name);
    }
    return Coroutine.done();
  }
  // tutorial:end as-completed

  // tutorial:start timeout
  @Async
  static Coroutine<Void> timeoutDemo() {
    try {
      try (Timeout t = timeout(2)) {
        Await.of(sleep(5));
        System.out.println("not reached");
      }
    } catch (TimeoutError e) {
      System.out.println("Timed out after 2 s");
    }
    return Coroutine.done();
  }
  // tutorial:end timeout

  // tutorial:start to-thread
  static String blockingRead(String path) throws InterruptedException {
    Thread.sleep(100); // stands for a blocking call of some library
    return "contents of " + path;
  }

  @Async
  static Coroutine<Void> toThreadDemo() {
    String text = Await.of(toThread(() -> blockingRead("data.txt"))); // the loop stays free
    System.out.println(text);
    return Coroutine.done();
  }
  // tutorial:end to-thread
}
