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
 * The restaurant analogy, asynchronous: one waiter attends all five tables, takes every order
 * after 2 s and serves everyone after 3 s. From tutorial S003 ("Example 1: The Restaurant
 * Analogy"); {@link RestaurantSync} is the blocking version (15 s).
 *
 * <pre>{@code
 * async def handle_table(table_number):
 *     print(f"Attending to table {table_number} 🍽️")
 *     await asyncio.sleep(2)  # Simulate waiting for the customer to decide
 *     print(f"Taking order from table {table_number} 📝")
 *     await asyncio.sleep(1)  # Simulate order processing
 *     print(f"Serving food to table {table_number} 🍲")
 *
 * async def main():
 *     tasks = [handle_table(i) for i in range(1, 6)]  # 5 tables
 *     await asyncio.gather(*tasks)
 * }</pre>
 */
public final class RestaurantAsync {
  private RestaurantAsync() {}

  @Async
  static Coroutine<Void> handleTable(int tableNumber) {
    System.out.println("Attending to table " + tableNumber + " 🍽️");
    Await.of(sleep(2)); // Simulate waiting for the customer to decide
    System.out.println("Taking order from table " + tableNumber + " 📝");
    Await.of(sleep(1)); // Simulate order processing
    System.out.println("Serving food to table " + tableNumber + " 🍲");
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> main() {
    List<Coroutine<Void>> tasks = new ArrayList<>();
    for (int i = 1; i < 6; i++) { // 5 tables
      tasks.add(handleTable(i));
    }
    Await.of(gather(tasks));
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(RestaurantAsyncAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
