package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Lock;
import org.asyncio4j.RunOptions;

/**
 * A {@link Lock} guards a shared list: {@code try (lock)} is Python's {@code async with lock:}
 * (acquire before the block, release after it, whatever happens). The workers get the lock in
 * FIFO order, one second each. From tutorial S001 ("Synchronization Primitives").
 *
 * <pre>{@code
 * async def worker(lock, worker_id, shared_resource):
 *     print(f"Worker {worker_id} is waiting for the lock")
 *     async with lock:  # Acquire and release the lock automatically
 *         print(f"Worker {worker_id} acquired the lock")
 *         shared_resource.append(worker_id)
 *         print(f"Worker {worker_id} updated shared resource: {shared_resource}")
 *         await asyncio.sleep(1)  # Simulate some work
 *     print(f"Worker {worker_id} released the lock")
 *
 * async def lock_demo():
 *     lock = asyncio.Lock()
 *     shared_resource = []
 *     workers = [worker(lock, i, shared_resource) for i in range(3)]
 *     await asyncio.gather(*workers)
 *     print(f"Final shared resource: {shared_resource}")
 * }</pre>
 */
public final class LockDemo {
  private LockDemo() {}

  // tutorial:start lock
  @Async
  static Coroutine<Void> worker(Lock lock, int workerId, List<Integer> sharedResource) {
    System.out.println("Worker " + workerId + " is waiting for the lock");
    try (lock) { // Acquire and release the lock automatically
      System.out.println("Worker " + workerId + " acquired the lock");
      // Simulate working with a shared resource
      sharedResource.add(workerId);
      System.out.println("Worker " + workerId + " updated shared resource: " + sharedResource);
      Await.of(sleep(1)); // Simulate some work
    }
    System.out.println("Worker " + workerId + " released the lock");
    return Coroutine.done();
  }
  // tutorial:end lock

  @Async
  static Coroutine<Void> lockDemo() {
    // Create a lock
    Lock lock = new Lock();
    List<Integer> sharedResource = new ArrayList<>();

    // Create and run multiple workers concurrently
    List<Coroutine<Void>> workers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      workers.add(worker(lock, i, sharedResource));
    }
    Await.of(gather(workers));

    System.out.println("Final shared resource: " + sharedResource);
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(LockDemoAsync.lockDemo(), options);
  }

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
