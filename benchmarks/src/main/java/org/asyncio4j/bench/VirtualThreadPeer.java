package org.asyncio4j.bench;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Java virtual threads (JDK 21+), with the default scheduler ({@code vthreads}: as many carrier
 * threads as cores) or on one carrier thread ({@code vthreads1}: the JVM started with {@code
 * -Djdk.virtualThreadScheduler.parallelism=1}: like for like with a single-threaded event loop,
 * with no hand-off between carriers): a yield is {@link Thread#yield()}, a task is a virtual
 * thread started and joined, a switch is a {@link LockSupport#park()}/{@link
 * LockSupport#unpark} hand-off, queues are {@link BlockingQueue}s, the lock is a fair {@link
 * ReentrantLock} (FIFO hand-off like asyncio's), a call chain is plain recursion, and a parked task
 * is a virtual thread blocked in {@link CountDownLatch#await()}. The module compiles for Java 17,
 * so the virtual thread factory is looked up reflectively. No timer facility: that workload is left
 * out (a thread per timer is not how timers are written with threads).
 */
public final class VirtualThreadPeer implements Peer {
  private static final ThreadFactory FACTORY = virtualThreadFactory();

  /** The system property that sets the number of carrier threads; read when the JVM starts. */
  static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

  private final boolean oneCarrier;

  /** Virtual threads on the default scheduler. */
  public VirtualThreadPeer() {
    this(false);
  }

  private VirtualThreadPeer(boolean oneCarrier) {
    this.oneCarrier = oneCarrier;
  }

  /**
   * Virtual threads on one carrier thread: runs only in a JVM started with {@code
   * -Djdk.virtualThreadScheduler.parallelism=1} ({@link #unsupported} says so otherwise).
   */
  public static VirtualThreadPeer oneCarrier() {
    return new VirtualThreadPeer(true);
  }

  @Override
  public String name() {
    return oneCarrier ? "vthreads1" : "vthreads";
  }

  @Override
  public String unsupported(Workload w) {
    if (FACTORY == null) {
      return "virtual threads need JDK 21+ (running " + System.getProperty("java.version") + ")";
    }
    String carriers = System.getProperty(PARALLELISM);
    if (oneCarrier && !"1".equals(carriers)) {
      // The scheduler reads it once, when the first virtual thread starts: too late to set here.
      return "one carrier thread needs the JVM started with -D"
          + PARALLELISM
          + "=1 (benchmarks/run.sh passes it; this JVM has "
          + (carriers == null ? "the default, one per core" : carriers)
          + ")";
    }
    if (w == Workload.TIMERS) {
      return "no timer facility on virtual threads";
    }
    return null;
  }

  /** Whether this JVM has virtual threads. */
  public static boolean available() {
    return FACTORY != null;
  }

  private static ThreadFactory virtualThreadFactory() {
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Method factory = Class.forName("java.lang.Thread$Builder").getMethod("factory");
      return (ThreadFactory) factory.invoke(builder);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Runs {@code body} in a new virtual thread. */
  static Thread start(Runnable body) {
    Thread t = FACTORY.newThread(body);
    t.start();
    return t;
  }

  @Override
  public long run(Workload w, int n, Runnable probe) throws Exception {
    if (FACTORY == null) {
      throw new UnsupportedOperationException(unsupported(w));
    }
    CompletableFuture<Long> result = new CompletableFuture<>();
    start(
        () -> {
          try {
            result.complete(body(w, n, probe));
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        });
    return result.get();
  }

  private static long body(Workload w, int n, Runnable probe) throws Exception {
    switch (w) {
      case AWAIT_DONE:
        return CompletableFuturePeer.awaitDone(n);
      case YIELD:
        for (int i = 0; i < n; i++) {
          Thread.yield();
        }
        return n;
      case TASK:
        return spawn(n, 1000);
      case GATHER:
        return spawn(n, n);
      case PING_PONG:
        return pingPong(n / 2);
      case QUEUE_UNBOUNDED:
        return queue(new LinkedBlockingQueue<>(), n);
      case QUEUE_1:
        return queue(new ArrayBlockingQueue<>(1), n);
      case QUEUE_1024:
        return queue(new ArrayBlockingQueue<>(1024), n);
      case LOCK:
        return lock(n / Workload.LOCK_WORKERS, Workload.LOCK_WORKERS);
      case CHAIN:
        return FloorPeer.chains(n, Workload.CHAIN_DEPTH);
      case PARKED:
        return parked(n, probe);
      default:
        throw new IllegalArgumentException(w.id());
    }
  }

  static long spawn(int n, int batchSize) throws InterruptedException {
    long sum = 0;
    Thread[] batch = new Thread[Math.min(batchSize, n)];
    long[] results = new long[batch.length];
    for (int started = 0; started < n; ) {
      int k = Math.min(batchSize, n - started);
      for (int j = 0; j < k; j++) {
        int slot = j;
        batch[j] = start(() -> results[slot] = 1);
      }
      for (int j = 0; j < k; j++) {
        batch[j].join();
        sum += results[j];
      }
      started += k;
    }
    return sum;
  }

  /** A one-slot mailbox: the receiver parks until the sender stores a value and unparks it. */
  static final class Mailbox {
    volatile int value;
    volatile boolean full;
    volatile Thread owner;

    void send(int v) {
      value = v;
      full = true;
      LockSupport.unpark(owner);
    }

    int receive() {
      while (!full) {
        LockSupport.park(this);
      }
      full = false;
      return value;
    }
  }

  static long pingPong(int rounds) throws Exception {
    Mailbox toPing = new Mailbox();
    Mailbox toPong = new Mailbox();
    AtomicLong pongSum = new AtomicLong();
    CountDownLatch ready = new CountDownLatch(1);
    Thread pong =
        start(
            () -> {
              toPong.owner = Thread.currentThread();
              ready.countDown();
              long sum = 0;
              for (int i = 0; i < rounds; i++) {
                int v = toPong.receive();
                sum += v;
                toPing.send(v);
              }
              pongSum.set(sum);
            });
    toPing.owner = Thread.currentThread();
    ready.await();
    long sum = 0;
    for (int i = 0; i < rounds; i++) {
      toPong.send(i & 127);
      sum += toPing.receive();
    }
    pong.join();
    return sum + pongSum.get();
  }

  static long queue(BlockingQueue<Integer> q, int n) throws Exception {
    AtomicLong total = new AtomicLong();
    Thread consumer =
        start(
            () -> {
              long sum = 0;
              try {
                for (int i = 0; i < n; i++) {
                  sum += q.take();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              total.set(sum);
            });
    for (int i = 0; i < n; i++) {
      q.put(i & 127);
    }
    consumer.join();
    return total.get();
  }

  static long lock(int perWorker, int workers) throws InterruptedException {
    ReentrantLock lock = new ReentrantLock(true);
    long[] counts = new long[workers];
    Thread[] threads = new Thread[workers];
    for (int w = 0; w < workers; w++) {
      int slot = w;
      threads[w] =
          start(
              () -> {
                long c = 0;
                for (int i = 0; i < perWorker; i++) {
                  lock.lock();
                  try {
                    Thread.yield();
                    c++;
                  } finally {
                    lock.unlock();
                  }
                }
                counts[slot] = c;
              });
    }
    long total = 0;
    for (int w = 0; w < workers; w++) {
      threads[w].join();
      total += counts[w];
    }
    return total;
  }

  static long parked(int n, Runnable probe) throws InterruptedException {
    probe.run();
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(n);
    List<Thread> threads = new ArrayList<>(n);
    AtomicLong released = new AtomicLong();
    for (int i = 0; i < n; i++) {
      threads.add(
          start(
              () -> {
                started.countDown();
                try {
                  gate.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                released.incrementAndGet();
              }));
    }
    started.await();
    // Let the last ones reach gate.await() and unmount.
    for (int spins = 0; spins < 50 && !allWaiting(threads); spins++) {
      Thread.sleep(10);
    }
    probe.run();
    gate.countDown();
    for (int i = 0; i < n; i++) {
      threads.get(i).join();
    }
    return released.get();
  }

  private static boolean allWaiting(List<Thread> threads) {
    for (Thread t : threads) {
      if (t.getState() != Thread.State.WAITING) {
        return false;
      }
    }
    return true;
  }
}
