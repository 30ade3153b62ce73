package demo;

import static org.asyncio4j.Asyncio.*;

import org.asyncio4j.*;

public class Shop {
  @Async
  static Coroutine<String> main() {
    String receipt = Await.of(checkout("book"));
    return Coroutine.of(receipt);
  }

  @Async
  static Coroutine<String> checkout(String item) {
    Await.of(sleep(0.1)); // reserve the item
    return Coroutine.of(Await.of(charge(item, 12.5)));
  }

  @Async
  static Coroutine<String> charge(String item, double amount) {
    Await.of(sleep(0.2)); // call the payment service
    throw new IllegalStateException("card declined for " + item);
  }

  @Async
  static Coroutine<Void> restock(String item, double days) {
    Await.of(sleep(days)); // wait for the delivery
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> warehouse() {
    getRunningLoop().callLater(1, () -> System.out.print(dumpTasks()));
    Task<Void> a = createTask(restock("book", 10), "restock-books");
    Task<Void> b = createTask(restock("pens", 5), "restock-pens");
    createTask(listen(new Future<>()), "listener"); // orders never come
    Await.of(gather(a, b));
    return Coroutine.done();
  }

  @Async
  static Coroutine<String> listen(Future<String> orders) {
    return Coroutine.of(Await.of(orders));
  }

  @Async
  static Coroutine<Void> report() throws InterruptedException {
    Await.of(sleep(1));
    Thread.sleep(150); // a blocking call on the loop thread
    Await.of(sleep(1));
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> forgetful() {
    charge("pen", 1.0); // the coroutine is created, never awaited
    Await.of(sleep(1));
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> fireAndForget() {
    createTask(charge("mug", 8.0), "charge-mug"); // fails; nobody awaits it
    Await.of(sleep(1));
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> save() {
    Task<Void> saver = createTask(restock("ink", 3), "saver");
    getRunningLoop().callLater(1, () -> System.out.print(dumpTasks()));
    Await.of(shield(saver)); // cancelling save() would not cancel the saver
    return Coroutine.done();
  }
}
