package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Queue;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;

/**
 * A bounded queue between two producers (4 and 3 items, one every 0.5 s) and two consumers (3 and
 * 4 items, 1 s each); {@code join()} waits until every item is marked done. From tutorial S001
 * ("Asyncio Queues").
 *
 * <pre>{@code
 * async def producer(queue, name, items):
 *     for i in range(items):
 *         item = f"{name} item {i}"
 *         await queue.put(item)
 *         print(f"{name} produced: {item}")
 *         await asyncio.sleep(0.5)
 *     print(f"{name} finished producing")
 *
 * async def consumer(queue, name, items_to_process):
 *     for _ in range(items_to_process):
 *         item = await queue.get()
 *         print(f"{name} consumed: {item}")
 *         queue.task_done()
 *         await asyncio.sleep(1)  # Simulate processing time
 *     print(f"{name} finished consuming")
 *
 * async def queue_demo():
 *     queue = asyncio.Queue(maxsize=5)  # Limit queue size to 5 items
 *     producer_tasks = [asyncio.create_task(producer(queue, "Producer 1", 4)),
 *                       asyncio.create_task(producer(queue, "Producer 2", 3))]
 *     consumer_tasks = [asyncio.create_task(consumer(queue, "Consumer 1", 3)),
 *                       asyncio.create_task(consumer(queue, "Consumer 2", 4))]
 *     await asyncio.gather(*producer_tasks)
 *     await queue.join()
 *     await asyncio.gather(*consumer_tasks)
 *     print("Queue demo completed")
 * }</pre>
 */
public final class QueueDemo {
  private QueueDemo() {}

  // tutorial:start queue
  @Async
  static Coroutine<Void> producer(Queue<String> queue, String name, int items) {
    for (int i = 0; i < items; i++) {
      String item = name + " item " + i;
      Await.of(queue.put(item));
      System.out.println(name + " produced: " + item);
      Await.of(sleep(0.5));
    }
    System.out.println(name + " finished producing");
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> consumer(Queue<String> queue, String name, int itemsToProcess) {
    for (int n = 0; n < itemsToProcess; n++) {
      String item = Await.of(queue.get());
      System.out.println(name + " consumed: " + item);
      queue.taskDone();
      Await.of(sleep(1)); // Simulate processing time
    }
    System.out.println(name + " finished consuming");
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> queueDemo() {
    // Create a queue
    Queue<String> queue = new Queue<>(5); // Limit queue size to 5 items

    // Create tasks for producers and consumers
    List<Task<Void>> producerTasks = List.of(
        createTask(producer(queue, "Producer 1", 4)),
        createTask(producer(queue, "Producer 2", 3)));

    List<Task<Void>> consumerTasks = List.of(
        createTask(consumer(queue, "Consumer 1", 3)),
        createTask(consumer(queue, "Consumer 2", 4)));

    // Wait for all producers to finish
    Await.of(gather(producerTasks));

    // Wait for the queue to be fully processed
    Await.of(queue.join());

    // Wait for all consumers to finish
    Await.of(gather(consumerTasks));

    System.out.println("Queue demo completed");
    return Coroutine.done();
  }
  // tutorial:end queue

  static void run(RunOptions options) {
    Asyncio.run(QueueDemoAsync.queueDemo(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
