package org.asyncio4j.examples;

/**
 * The restaurant analogy, synchronous: each table is handled to the end before the next, blocking
 * on every wait, 15 s in all. From tutorial S003 ("Synchronous Version code"); compare {@link
 * RestaurantAsync}. Plain Java: no coroutine, no event loop (so {@code --virtual-time} changes
 * nothing).
 *
 * <pre>{@code
 * def handle_table_sync(table_number):
 *     print(f"Attending to table {table_number} 🍽️")
 *     time.sleep(2)  # Simulate waiting, the program is blocked here
 *     print(f"Taking order from table {table_number} 📝")
 *     time.sleep(1)  # The program is blocked here again
 *     print(f"Serving food to table {table_number} 🍲")
 *
 * def main():
 *     for i in range(1, 6):
 *         handle_table_sync(i)
 * }</pre>
 */
public final class RestaurantSync {
  private RestaurantSync() {}

  /**
   * Handles a single table in a synchronous, blocking manner. The program will pause at each
   * Thread.sleep() call.
   */
  static void handleTableSync(int tableNumber) throws InterruptedException {
    System.out.println("Attending to table " + tableNumber + " 🍽️");
    Thread.sleep(2000); // Simulate waiting, the program is blocked here
    System.out.println("Taking order from table " + tableNumber + " 📝");
    Thread.sleep(1000); // The program is blocked here again
    System.out.println("Serving food to table " + tableNumber + " 🍲");
  }

  /** Runs all tables sequentially. */
  public static void main(String[] args) throws InterruptedException {
    // Loop through each table one by one
    for (int i = 1; i < 6; i++) {
      handleTableSync(i);
    }
  }

  static void run() {
    try {
      main(new String[0]);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
