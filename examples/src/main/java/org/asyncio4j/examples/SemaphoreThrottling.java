package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Semaphore;

/**
 * Pattern 3, throttled API calls: a {@link Semaphore} lets at most {@code maxConcurrent} calls run
 * at once ({@code try (semaphore)} is {@code async with semaphore:}). Five 1 s calls, two at a
 * time, start in waves of 2, 2 and 1 and take 3 s. From tutorial S001 ("Common Asyncio
 * Patterns", run by {@code demonstrate_patterns()}).
 *
 * <pre>{@code
 * async def api_call(url, semaphore):
 *     async with semaphore:  # Limit the number of concurrent API calls
 *         print(f"Calling API: {url}")
 *         await asyncio.sleep(1)  # Simulate API call
 *         return f"Result from {url}"
 *
 * async def throttled_api_pattern(urls, max_concurrent=3):
 *     semaphore = asyncio.Semaphore(max_concurrent)
 *     tasks = [api_call(url, semaphore) for url in urls]
 *     results = await asyncio.gather(*tasks)
 *     return results
 *
 * print("\nPattern 3: Throttled API Calls")
 * urls = ['https://api.example.com/' + str(i) for i in range(1, 6)]
 * results = await throttled_api_pattern(urls, max_concurrent=2)
 * print(f"Results: {results}")
 * }</pre>
 */
public final class SemaphoreThrottling {
  private SemaphoreThrottling() {}

  // tutorial:start semaphore
  @Async
  static Coroutine<String> apiCall(String url, Semaphore semaphore) {
    try (semaphore) { // Limit the number of concurrent API calls
      System.out.println("Calling API: " + url);
      Await.of(sleep(1)); // Simulate API call
      return Coroutine.of("Result from " + url);
    }
  }

  @Async
  static Coroutine<List<String>> throttledApiPattern(List<String> urls, int maxConcurrent) {
    Semaphore semaphore = new Semaphore(maxConcurrent);
    List<Coroutine<String>> tasks = new ArrayList<>();
    for (String url : urls) {
      tasks.add(apiCall(url, semaphore));
    }
    List<String> results = Await.of(gather(tasks));
    return Coroutine.of(results);
  }
  // tutorial:end semaphore

  @Async
  static Coroutine<Void> main() {
    System.out.println("\nPattern 3: Throttled API Calls");
    List<String> urls = new ArrayList<>();
    for (int i = 1; i < 6; i++) {
      urls.add("https://api.example.com/" + i);
    }
    List<String> results = Await.of(throttledApiPattern(urls, 2));
    System.out.println("Results: " + results);
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(SemaphoreThrottlingAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
