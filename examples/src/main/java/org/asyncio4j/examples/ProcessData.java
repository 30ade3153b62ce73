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
 * Async tasks with waiting periods: five items are processed concurrently (2 s each, 2 s in all)
 * and {@code gather} returns the results in order. From tutorial S003 ("Example 3").
 *
 * <pre>{@code
 * async def process_data(data):
 *     print(f"Processing {data}... 🔄")
 *     await asyncio.sleep(2)  # Simulate I/O delay
 *     result = data * 2
 *     print(f"Finished processing {data}: Result is {result} ✅")
 *     return result
 *
 * async def main():
 *     data_items = [1, 2, 3, 4, 5]
 *     tasks = [process_data(item) for item in data_items]
 *     results = await asyncio.gather(*tasks)
 *     print(f"All results: {results} 🎉")
 * }</pre>
 */
public final class ProcessData {
  private ProcessData() {}

  @Async
  static Coroutine<Integer> processData(int data) {
    System.out.println("Processing " + data + "... 🔄");
    Await.of(sleep(2)); // Simulate I/O delay
    int result = data * 2;
    System.out.println("Finished processing " + data + ": Result is " + result + " ✅");
    return Coroutine.of(result);
  }

  @Async
  static Coroutine<Void> main() {
    List<Integer> dataItems = List.of(1, 2, 3, 4, 5);
    List<Coroutine<Integer>> tasks = new ArrayList<>();
    for (int item : dataItems) {
      tasks.add(processData(item));
    }
    List<Integer> results = Await.of(gather(tasks));
    System.out.println("All results: " + results + " 🎉");
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(ProcessDataAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
