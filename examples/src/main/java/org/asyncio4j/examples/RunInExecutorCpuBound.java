package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.getRunningLoop;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.RunOptions;

/**
 * Running synchronous, CPU-bound code in a thread pool with {@code loop.runInExecutor}, so the
 * event loop is not blocked meanwhile. From tutorial S000.
 *
 * <pre>{@code
 * def cpu_bound_task(n):
 *     print(f"CPU task starting (n={n})")
 *     start = time.time()
 *     total = 0
 *     for i in range(n * 1000000):
 *         total += i
 *     elapsed = time.time() - start
 *     print(f"CPU task finished in {elapsed:.2f} seconds (n={n})")
 *     return total
 *
 * async def main():
 *     print("Main started")
 *     loop = asyncio.get_running_loop()
 *     with concurrent.futures.ThreadPoolExecutor() as pool:
 *         result = await loop.run_in_executor(pool, cpu_bound_task, 10)
 *         print(f"CPU task result: {result}")
 *     print("Main finished")
 * }</pre>
 *
 * <p>Python's {@code with ThreadPoolExecutor() as pool:} shuts the pool down when the block ends;
 * {@code ExecutorService} is {@code AutoCloseable} only from Java 19, so the port shuts it down in
 * a {@code finally}. Unlike CPython's threads (held back by the GIL), Java threads really run the
 * work in parallel with the loop.
 */
public final class RunInExecutorCpuBound {
  private RunInExecutorCpuBound() {}

  /** A CPU-intensive function that can't be made async. */
  static long cpuBoundTask(int n) {
    System.out.println("CPU task starting (n=" + n + ")");
    long start = System.nanoTime();

    // Simulate CPU-intensive work
    long total = 0;
    for (long i = 0; i < n * 1_000_000L; i++) {
      total += i;
    }

    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("CPU task finished in %.2f seconds (n=%d)%n", elapsed, n);
    return total;
  }

  // tutorial:start run-in-executor
  @Async
  static Coroutine<Void> main() {
    System.out.println("Main started");
    EventLoop loop = getRunningLoop();

    // Run a CPU-bound task in a thread pool
    ExecutorService pool = Executors.newCachedThreadPool();
    try {
      // This doesn't block the event loop
      long result = Await.of(loop.runInExecutor(pool, () -> cpuBoundTask(10)));
      System.out.println("CPU task result: " + result);
    } finally {
      pool.shutdown();
    }

    System.out.println("Main finished");
    return Coroutine.done();
  }
  // tutorial:end run-in-executor

  static void run(RunOptions options) {
    Asyncio.run(RunInExecutorCpuBoundAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
