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

/**
 * Pattern 1, scatter-gather: process several items concurrently and collect the results in
 * order; four 1 s items take 1 s. From tutorial S001 ("Common Asyncio Patterns"), whose {@code
 * demonstrate_patterns()} runs this pattern first ({@link SemaphoreThrottling} and {@link
 * ProducerConsumer} are the other two).
 *
 * <pre>{@code
 * async def process_item(item):
 *     await asyncio.sleep(1)  # Simulate processing
 *     return f"Processed {item}"
 *
 * async def scatter_gather_pattern(items):
 *     tasks = [process_item(item) for item in items]
 *     results = await asyncio.gather(*tasks)
 *     return results
 *
 * async def demonstrate_patterns():
 *     print("Pattern 1: Scatter-Gather")
 *     items = ['item1', 'item2', 'item3', 'item4']
 *     results = await scatter_gather_pattern(items)
 *     print(f"Results: {results}")
 * }</pre>
 */
public final class ScatterGather {
  private ScatterGather() {}

  @Async
  static Coroutine<String> processItem(String item) {
    Await.of(sleep(1)); // Simulate processing
    return Coroutine.of("Processed " + item);
  }

  @Async
  static Coroutine<List<String>> scatterGatherPattern(List<String> items) {
    List<Coroutine<String>> tasks = new ArrayList<>();
    for (String item : items) {
      tasks.add(processItem(item));
    }
    List<String> results = Await.of(gather(tasks));
    return Coroutine.of(results);
  }

  @Async
  static Coroutine<Void> main() {
    System.out.println("Pattern 1: Scatter-Gather");
    List<String> items = List.of("item1", "item2", "item3", "item4");
    List<String> results = Await.of(scatterGatherPattern(items));
    System.out.println("Results: " + results);
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(ScatterGatherAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
