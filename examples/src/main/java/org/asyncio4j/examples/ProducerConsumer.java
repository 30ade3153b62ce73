package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Queue;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;

/**
 * Pattern 2, producer-consumer with a queue and a {@code null} sentinel (Python's {@code None})
 * that each consumer puts back for the others. From tutorial S001 ("Common Asyncio Patterns",
 * run by {@code demonstrate_patterns()} as {@code producer_consumer_pattern(2, 2, 4)}).
 *
 * <pre>{@code
 * async def producer_consumer_pattern(num_producers, num_consumers, num_items):
 *     queue = asyncio.Queue()
 *     async def producer(producer_id, n_items):
 *         for i in range(n_items):
 *             item = f"Producer {producer_id} - Item {i}"
 *             await queue.put(item)
 *             await asyncio.sleep(0.1)  # Simulate production time
 *         await queue.put(None)  # Sentinel to signal completion
 *     async def consumer(consumer_id):
 *         while True:
 *             item = await queue.get()
 *             if item is None:  # Check for sentinel
 *                 await queue.put(None)  # Put sentinel back for other consumers
 *                 break
 *             print(f"Consumer {consumer_id} processing {item}")
 *             await asyncio.sleep(0.5)  # Simulate consumption time
 *             queue.task_done()
 *     producer_tasks = [asyncio.create_task(producer(i, num_items // num_producers))
 *                       for i in range(num_producers)]
 *     consumer_tasks = [asyncio.create_task(consumer(i)) for i in range(num_consumers)]
 *     await asyncio.gather(*producer_tasks)
 *     await asyncio.gather(*consumer_tasks)
 *
 * print("\nPattern 2: Producer-Consumer")
 * await producer_consumer_pattern(num_producers=2, num_consumers=2, num_items=4)
 * }</pre>
 *
 * <p>Python's nested coroutines close over {@code queue}; the Java coroutines take it as a
 * parameter. As in Python, the sentinels left in the queue at the end are never taken (the
 * semantics notes point to {@code Queue.shutdown()} as the sturdier idiom).
 */
public final class ProducerConsumer {
  private ProducerConsumer() {}

  // Producer function
  @Async
  static Coroutine<Void> producer(Queue<String> queue, int producerId, int nItems) {
    for (int i = 0; i < nItems; i++) {
      String item = "Producer " + producerId + " - Item " + i;
      Await.of(queue.put(item));
      Await.of(sleep(0.1)); // Simulate production time
    }
    Await.of(queue.put(null)); // Sentinel to signal completion
    return Coroutine.done();
  }

  // Consumer function
  @Async
  static Coroutine<Void> consumer(Queue<String> queue, int consumerId) {
    while (true) {
      String item = Await.of(queue.get());
      if (item == null) { // Check for sentinel
        Await.of(queue.put(null)); // Put sentinel back for other consumers
        break;
      }
      System.out.println("Consumer " + consumerId + " processing " + item);
      Await.of(sleep(0.5)); // Simulate consumption time
      queue.taskDone();
    }
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> producerConsumerPattern(int numProducers, int numConsumers, int numItems) {
    Queue<String> queue = new Queue<>();

    // Create and start producers
    List<Task<Void>> producerTasks = new ArrayList<>();
    for (int i = 0; i < numProducers; i++) {
      producerTasks.add(createTask(producer(queue, i, numItems / numProducers)));
    }

    // Create and start consumers
    List<Task<Void>> consumerTasks = new ArrayList<>();
    for (int i = 0; i < numConsumers; i++) {
      consumerTasks.add(createTask(consumer(queue, i)));
    }

    // Wait for all producers to finish
    Await.of(gather(producerTasks));

    // Wait for all consumers to finish
    Await.of(gather(consumerTasks));
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> main() {
    System.out.println("\nPattern 2: Producer-Consumer");
    Await.of(producerConsumerPattern(2, 2, 4));
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(ProducerConsumerAsync.main(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
