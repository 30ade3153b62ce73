package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.SyncCoros.VT;
import static org.asyncio4j.SyncCoros.now;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seed tutorials' synchronization programs (seeds/001: "Asyncio Queues", "Synchronization
 * Primitives", "Pattern 2: Producer-Consumer" with its None sentinel, "Pattern 3: Throttled API
 * calls with semaphores", and the crawler's Semaphore(1) rate limiter), ported line by line with
 * hand-written coroutines, checking their output order and exact virtual times
 * (asyncio-semantics.md §1.4 #43, #45, #46, #47, #48; scenarios Q-13, LOCK-05, SEM-03). The network
 * parts of the crawler are replaced by a sleep.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SeedProgramsSyncTest {
  private final List<String> out = new ArrayList<>();

  /** {@code print(line)}, stamped with the virtual time. */
  private void print(String line) {
    out.add(String.format("%.1f %s", now(), line));
  }

  // --------------------------------------------------------------------------------------------
  // producer/consumer with Queue(maxsize=5).

  /**
   *
   *
   * <pre>
   * async def producer(queue, name, items):
   *     for i in range(items):
   *         item = f"{name} item {i}"
   *         await queue.put(item)
   *         print(f"{name} produced: {item}")
   *         await asyncio.sleep(0.5)
   *     print(f"{name} finished producing")
   * </pre>
   */
  private Coroutine<Void> producer(Queue<String> queue, String name, int items) {
    return Coros.steps(
        Coros.await(
            () ->
                SyncCoros.repeat(
                    items,
                    i -> {
                      String item = name + " item " + i;
                      return Coros.steps(
                          Coros.await(() -> queue.put(item)),
                          Coros.run(() -> print(name + " produced: " + item)),
                          Coros.await(() -> sleep(0.5)));
                    })),
        Coros.run(() -> print(name + " finished producing")));
  }

  /**
   *
   *
   * <pre>
   * async def consumer(queue, name, items_to_process):
   *     for _ in range(items_to_process):
   *         item = await queue.get()
   *         print(f"{name} consumed: {item}")
   *         queue.task_done()
   *         await asyncio.sleep(1)  # Simulate processing time
   *     print(f"{name} finished consuming")
   * </pre>
   */
  private Coroutine<Void> consumer(Queue<String> queue, String name, int itemsToProcess) {
    return Coros.steps(
        Coros.await(
            () ->
                SyncCoros.repeat(
                    itemsToProcess,
                    i ->
                        Coros.steps(
                            Coros.await(
                                queue::get,
                                item -> {
                                  print(name + " consumed: " + item);
                                  queue.taskDone();
                                }),
                            Coros.await(() -> sleep(1))))),
        Coros.run(() -> print(name + " finished consuming")));
  }

  @Test
  void q13_producerConsumerQueueDemo() {
    Queue<String> queue = new Queue<>(5);
    List<Task<Void>> producerTasks = new ArrayList<>();
    List<Task<Void>> consumerTasks = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  producerTasks.add(createTask(producer(queue, "Producer 1", 4)));
                  producerTasks.add(createTask(producer(queue, "Producer 2", 3)));
                  consumerTasks.add(createTask(consumer(queue, "Consumer 1", 3)));
                  consumerTasks.add(createTask(consumer(queue, "Consumer 2", 4)));
                }),
            // await asyncio.gather(*producer_tasks)
            Coros.await(() -> producerTasks.get(0)),
            Coros.await(() -> producerTasks.get(1)),
            Coros.run(() -> print("producers done, qsize " + queue.qsize())),
            Coros.await(queue::join),
            Coros.run(() -> print("join returned, qsize " + queue.qsize())),
            // await asyncio.gather(*consumer_tasks)
            Coros.await(() -> consumerTasks.get(0)),
            Coros.await(() -> consumerTasks.get(1)),
            Coros.run(() -> print("Queue demo completed"))),
        VT);
    assertEquals(
        List.of(
            "0.0 Producer 1 produced: Producer 1 item 0",
            "0.0 Producer 2 produced: Producer 2 item 0",
            "0.0 Consumer 1 consumed: Producer 1 item 0",
            "0.0 Consumer 2 consumed: Producer 2 item 0",
            "0.5 Producer 1 produced: Producer 1 item 1",
            "0.5 Producer 2 produced: Producer 2 item 1",
            "1.0 Consumer 1 consumed: Producer 1 item 1",
            "1.0 Consumer 2 consumed: Producer 2 item 1",
            "1.0 Producer 1 produced: Producer 1 item 2",
            "1.0 Producer 2 produced: Producer 2 item 2",
            "1.5 Producer 1 produced: Producer 1 item 3",
            "1.5 Producer 2 finished producing",
            "2.0 Consumer 1 consumed: Producer 1 item 2",
            "2.0 Consumer 2 consumed: Producer 2 item 2",
            "2.0 Producer 1 finished producing",
            "2.0 producers done, qsize 1",
            "3.0 Consumer 1 finished consuming",
            "3.0 Consumer 2 consumed: Producer 1 item 3",
            "3.0 join returned, qsize 0",
            "4.0 Consumer 2 finished consuming",
            "4.0 Queue demo completed"),
        out);
  }

  // --------------------------------------------------------------------------------------------
  // LOCK-05: the lock demo.

  /**
   *
   *
   * <pre>
   * async def worker(lock, worker_id, shared_resource):
   *     print(f"Worker {worker_id} is waiting for the lock")
   *     async with lock:
   *         print(f"Worker {worker_id} acquired the lock")
   *         shared_resource.append(worker_id)
   *         print(f"Worker {worker_id} updated shared resource: {shared_resource}")
   *         await asyncio.sleep(1)
   *     print(f"Worker {worker_id} released the lock")
   * </pre>
   */
  private Coroutine<Void> worker(Lock lock, int workerId, List<Integer> sharedResource) {
    return Coros.steps(
        Coros.run(() -> print("Worker " + workerId + " is waiting for the lock")),
        Coros.await(
            () ->
                SyncCoros.with(
                    lock,
                    entered ->
                        Coros.steps(
                            Coros.run(
                                () -> {
                                  print("Worker " + workerId + " acquired the lock");
                                  sharedResource.add(workerId);
                                  print(
                                      "Worker "
                                          + workerId
                                          + " updated shared resource: "
                                          + sharedResource);
                                }),
                            Coros.await(() -> sleep(1))))),
        Coros.run(() -> print("Worker " + workerId + " released the lock")));
  }

  @Test
  void lock05_lockDemoSerialisesWorkers() {
    Lock lock = new Lock();
    List<Integer> sharedResource = new ArrayList<>();
    List<Task<Void>> workers = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int i = 0; i < 3; i++) {
                    workers.add(createTask(worker(lock, i, sharedResource)));
                  }
                }),
            Coros.await(() -> SyncCoros.repeat(3, i -> workers.get(i))),
            Coros.run(() -> print("Final shared resource: " + sharedResource))),
        VT);
    assertEquals(
        List.of(
            "0.0 Worker 0 is waiting for the lock",
            "0.0 Worker 0 acquired the lock",
            "0.0 Worker 0 updated shared resource: [0]",
            "0.0 Worker 1 is waiting for the lock",
            "0.0 Worker 2 is waiting for the lock",
            "1.0 Worker 0 released the lock",
            "1.0 Worker 1 acquired the lock",
            "1.0 Worker 1 updated shared resource: [0, 1]",
            "2.0 Worker 1 released the lock",
            "2.0 Worker 2 acquired the lock",
            "2.0 Worker 2 updated shared resource: [0, 1, 2]",
            "3.0 Worker 2 released the lock",
            "3.0 Final shared resource: [0, 1, 2]"),
        out);
  }

  // --------------------------------------------------------------------------------------------
  // SEM-03: throttled API calls.

  /**
   *
   *
   * <pre>
   * async def api_call(url, semaphore):
   *     async with semaphore:
   *         print(f"Calling API: {url}")
   *         await asyncio.sleep(1)
   *         return f"Result from {url}"
   * </pre>
   */
  private Coroutine<String> apiCall(String url, Semaphore semaphore) {
    return SyncCoros.with(
        semaphore,
        entered ->
            Coros.steps(Coros.run(() -> print("Calling API: " + url)), Coros.await(() -> sleep(1)))
                .returning(() -> "Result from " + url));
  }

  @Test
  void sem03_throttledApiCallsRunInWaves() {
    Semaphore semaphore = new Semaphore(2);
    List<String> urls = List.of("u1", "u2", "u3", "u4", "u5");
    List<Task<String>> tasks = new ArrayList<>();
    List<String> results = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (String url : urls) {
                    tasks.add(createTask(apiCall(url, semaphore)));
                  }
                }),
            Coros.await(
                () -> SyncCoros.repeat(5, i -> Coros.after(() -> tasks.get(i), results::add))),
            Coros.run(() -> print("total"))),
        VT);
    assertEquals(
        List.of(
            "0.0 Calling API: u1",
            "0.0 Calling API: u2",
            "1.0 Calling API: u3",
            "1.0 Calling API: u4",
            "2.0 Calling API: u5",
            "3.0 total"),
        out);
    assertEquals(
        List.of(
            "Result from u1",
            "Result from u2",
            "Result from u3",
            "Result from u4",
            "Result from u5"),
        results);
  }

  // --------------------------------------------------------------------------------------------
  // Pattern 2: producer/consumer with a None sentinel put back (asyncio-semantics.md §1.4 #45).

  /**
   *
   *
   * <pre>
   * async def producer(producer_id, n_items):
   *     for i in range(n_items):
   *         await queue.put(f"Producer {producer_id} - Item {i}")
   *         await asyncio.sleep(0.1)
   *     await queue.put(None)  # Sentinel to signal completion
   *
   * async def consumer(consumer_id):
   *     while True:
   *         item = await queue.get()
   *         if item is None:
   *             await queue.put(None)  # Put sentinel back for other consumers
   *             break
   *         print(f"Consumer {consumer_id} processing {item}")
   *         await asyncio.sleep(0.5)
   *         queue.task_done()
   * </pre>
   */
  @Test
  void sentinelProducerConsumerTerminatesWithTwoSentinelsLeft() {
    Queue<String> queue = new Queue<>();
    List<Task<Void>> producers = new ArrayList<>();
    List<Task<Void>> consumers = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (int p = 0; p < 2; p++) {
                    int id = p;
                    producers.add(
                        createTask(
                            Coros.steps(
                                Coros.await(
                                    () ->
                                        SyncCoros.repeat(
                                            2,
                                            i ->
                                                Coros.steps(
                                                    Coros.await(
                                                        () ->
                                                            queue.put(
                                                                "Producer " + id + " - Item " + i)),
                                                    Coros.await(() -> sleep(0.1))))),
                                Coros.await(() -> queue.put(null)))));
                  }
                  for (int c = 0; c < 2; c++) {
                    int id = c;
                    boolean[] stop = {false};
                    consumers.add(
                        createTask(
                            SyncCoros.loopUntil(
                                () -> stop[0],
                                () ->
                                    Coros.steps(
                                        Coros.await(
                                            queue::get,
                                            item -> {
                                              if (item == null) {
                                                stop[0] = true;
                                              } else {
                                                print("Consumer " + id + " processing " + item);
                                              }
                                            }),
                                        Coros.await(
                                            () ->
                                                stop[0]
                                                    ? queue.put(null)
                                                    : Coros.steps(
                                                        Coros.await(() -> sleep(0.5)),
                                                        Coros.run(queue::taskDone)))))));
                  }
                }),
            Coros.await(() -> SyncCoros.repeat(2, i -> producers.get(i))),
            Coros.run(() -> print("producers done")),
            Coros.await(() -> SyncCoros.repeat(2, i -> consumers.get(i))),
            Coros.run(() -> print("consumers done, qsize " + queue.qsize()))),
        VT);
    assertEquals(
        List.of(
            "0.0 Consumer 0 processing Producer 0 - Item 0",
            "0.0 Consumer 1 processing Producer 1 - Item 0",
            "0.2 producers done",
            "0.5 Consumer 0 processing Producer 0 - Item 1",
            "0.5 Consumer 1 processing Producer 1 - Item 1",
            "1.0 consumers done, qsize 2"),
        out);
  }

  // --------------------------------------------------------------------------------------------
  // The crawler's rate limiter: Semaphore(1) with the sleep inside (§1.4 #48).

  /**
   *
   *
   * <pre>
   * async def fetch_url(self, url):
   *     async with self.rate_limiter:          # asyncio.Semaphore(1)
   *         print(f"Fetching: {url}")
   *         html = await fetch(url)            # 0.2 s here
   *         await asyncio.sleep(self.rate_limit)  # 1 s: respect the rate limit
   *         return html
   * </pre>
   */
  @Test
  void semaphoreRateLimiterAllowsOneFetchPerPeriod() {
    Semaphore rateLimiter = new Semaphore(1);
    List<Task<String>> tasks = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.run(
                () -> {
                  for (String url : List.of("a", "b", "c")) {
                    tasks.add(
                        createTask(
                            SyncCoros.with(
                                rateLimiter,
                                entered ->
                                    Coros.steps(
                                            Coros.run(() -> print("Fetching: " + url)),
                                            Coros.await(() -> sleep(0.2)),
                                            Coros.await(() -> sleep(1)))
                                        .returning(() -> "<html " + url + ">"))));
                  }
                }),
            Coros.await(() -> SyncCoros.repeat(3, i -> tasks.get(i))),
            Coros.run(() -> print("done"))),
        VT);
    assertEquals(List.of("0.0 Fetching: a", "1.2 Fetching: b", "2.4 Fetching: c", "3.6 done"), out);
  }
}
