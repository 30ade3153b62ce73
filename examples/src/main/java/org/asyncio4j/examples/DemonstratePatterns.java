package org.asyncio4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * The three common patterns run one after the other, as the tutorial's notebook cell does:
 * scatter-gather ({@link ScatterGather}), throttled API calls ({@link SemaphoreThrottling}) and
 * producer-consumer ({@link ProducerConsumer}); 1 + 3 + 1 s. From tutorial S001 ("Common Asyncio
 * Patterns").
 *
 * <pre>{@code
 * async def demonstrate_patterns():
 *     print("Pattern 1: Scatter-Gather")
 *     items = ['item1', 'item2', 'item3', 'item4']
 *     results = await scatter_gather_pattern(items)
 *     print(f"Results: {results}")
 *
 *     print("\nPattern 3: Throttled API Calls")
 *     urls = ['https://api.example.com/' + str(i) for i in range(1, 6)]
 *     results = await throttled_api_pattern(urls, max_concurrent=2)
 *     print(f"Results: {results}")
 *
 *     # Pattern 2 is more verbose, so let's run a small version
 *     print("\nPattern 2: Producer-Consumer")
 *     await producer_consumer_pattern(num_producers=2, num_consumers=2, num_items=4)
 * }</pre>
 */
public final class DemonstratePatterns {
  private DemonstratePatterns() {}

  @Async
  static Coroutine<Void> demonstratePatterns() {
    System.out.println("Pattern 1: Scatter-Gather");
    List<String> items = List.of("item1", "item2", "item3", "item4");
    List<String> results = Await.of(ScatterGather.scatterGatherPattern(items));
    System.out.println("Results: " + results);

    System.out.println("\nPattern 3: Throttled API Calls");
    List<String> urls = new ArrayList<>();
    for (int i = 1; i < 6; i++) {
      urls.add("https://api.example.com/" + i);
    }
    results = Await.of(SemaphoreThrottling.throttledApiPattern(urls, 2));
    System.out.println("Results: " + results);

    // Pattern 2 is more verbose, so let's run a small version
    System.out.println("\nPattern 2: Producer-Consumer");
    Await.of(ProducerConsumer.producerConsumerPattern(2, 2, 4));
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(DemonstratePatternsAsync.demonstratePatterns(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
