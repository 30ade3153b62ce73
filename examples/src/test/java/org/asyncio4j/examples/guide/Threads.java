package org.asyncio4j.examples.guide;

// tutorial:start guide-threads
import static org.asyncio4j.Asyncio.*;

import java.util.concurrent.CompletableFuture;
import org.asyncio4j.*;

public class Threads {
  @Async
  static Coroutine<String> greet(String who) {
    Await.of(sleep(0.1));
    return Coroutine.of("Hello, " + who);
  }

  static long slowSum(int n) { // blocking, CPU-bound: must not run on the loop thread
    long s = 0;
    for (int i = 0; i < n; i++) {
      s += i;
    }
    return s;
  }

  @Async
  static Coroutine<Void> main() {
    EventLoop loop = getRunningLoop();
    Queue<String> inbox = new Queue<>();

    Thread worker = new Thread(() -> {
      // Another thread: never touch the loop's objects directly; hand work to the loop.
      String me = Thread.currentThread().getName();
      loop.callSoonThreadsafe(() -> inbox.putNowait("posted from " + me));
      CompletableFuture<String> r = Asyncio.runCoroutineThreadsafe(ThreadsAsync.greet("worker"), loop);
      System.out.println(r.join()); // blocks this thread, not the loop
    });
    worker.start();

    System.out.println(Await.of(inbox.get()));
    long sum = Await.of(toThread(() -> slowSum(10_000_000))); // the loop keeps running meanwhile
    System.out.println("sum = " + sum);
    Await.of(toThread(() -> { worker.join(); return null; }));
    return Coroutine.done();
  }

  public static void main(String[] args) {
    Asyncio.run(ThreadsAsync.main());
    Asyncio.run(ThreadsAsync.greet("virtual time"), RunOptions.create().virtualTime(true));
  }
}
// tutorial:end guide-threads
