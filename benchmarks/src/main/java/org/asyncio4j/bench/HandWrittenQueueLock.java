package org.asyncio4j.bench;

import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Lock;
import org.asyncio4j.Queue;
import org.asyncio4j.Task;

/**
 * The queue and lock workloads as hand-written state machines of the generated shape (see {@link
 * HandWritten}).
 */
public final class HandWrittenQueueLock {
  private HandWrittenQueueLock() {}

  /** Passes {@code n} items ({@code i & 127}) through a queue; returns their sum. */
  public static Coroutine<Long> queue(int n, int maxsize) {
    return new QueueMain(n, maxsize);
  }

  /** {@code workers} tasks each take the lock {@code perWorker} times; returns the total. */
  public static Coroutine<Long> lockContention(int perWorker, int workers) {
    return new LockMain(perWorker, workers);
  }

  /**
   * Hand-written state machine of:
   *
   * <pre>{@code
   * @Async
   * static Coroutine<Long> queue(int n, int maxsize) {
   *   Queue<Integer> q = new Queue<>(maxsize);
   *   Task<Long> consumer = createTask(consume(q, n));
   *   Task<Long> producer = createTask(produce(q, n));
   *   Await.of(producer);
   *   return Coroutine.of(Await.of(consumer));
   * }
   * }</pre>
   */
  static final class QueueMain extends Coroutine<Long> {
    final int n;
    final int maxsize;
    Task<Long> consumer;
    Task<Long> producer;

    QueueMain(int n, int maxsize) {
      this.n = n;
      this.maxsize = maxsize;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          {
            Queue<Integer> q = new Queue<>(maxsize);
            consumer = Asyncio.createTask(new Consume(q, n));
            producer = Asyncio.createTask(new Produce(q, n));
            if (!await(producer, 1)) {
              return;
            }
          }
        // fall through
        case 1:
          awaitResult();
          if (!await(consumer, 2)) {
            return;
          }
        // fall through
        case 2:
          complete(awaitResult(false ? consumer : null));
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }
  }

  /**
   * Hand-written state machine of:
   *
   * <pre>{@code
   * @Async
   * static Coroutine<Long> produce(Queue<Integer> q, int n) {
   *   for (int i = 0; i < n; i++) {
   *     Await.of(q.put(i & 127));
   *   }
   *   return Coroutine.of(0L);
   * }
   * }</pre>
   */
  static final class Produce extends Coroutine<Long> {
    final Queue<Integer> q;
    final int n;
    int i;

    Produce(Queue<Integer> q, int n) {
      this.q = q;
      this.n = n;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            i = 0;
            label = 1;
            continue;
          case 1:
            if (i >= n) {
              complete(0L);
              return;
            }
            if (!await(q.put(i & 127), 2)) {
              return;
            }
          // fall through
          case 2:
            awaitResult();
            i++;
            label = 1;
            continue;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }
  }

  /**
   * Hand-written state machine of:
   *
   * <pre>{@code
   * @Async
   * static Coroutine<Long> consume(Queue<Integer> q, int n) {
   *   long sum = 0;
   *   for (int i = 0; i < n; i++) {
   *     sum += Await.of(q.get());
   *   }
   *   return Coroutine.of(sum);
   * }
   * }</pre>
   */
  static final class Consume extends Coroutine<Long> {
    final Queue<Integer> q;
    final int n;
    long sum;
    int i;

    Consume(Queue<Integer> q, int n) {
      this.q = q;
      this.n = n;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            sum = 0;
            i = 0;
            label = 1;
            continue;
          case 1:
            if (i >= n) {
              complete(sum);
              return;
            }
            if (!await(q.get(), 2)) {
              return;
            }
          // fall through
          case 2:
            sum += awaitResult(false ? q.get() : null);
            i++;
            label = 1;
            continue;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }
  }

  /**
   * Hand-written state machine of:
   *
   * <pre>{@code
   * @Async
   * static Coroutine<Long> lockContention(int perWorker, int workers) {
   *   Lock lock = new Lock();
   *   List<Task<Long>> tasks = new ArrayList<>();
   *   for (int w = 0; w < workers; w++) {
   *     tasks.add(createTask(worker(lock, perWorker)));
   *   }
   *   long total = 0;
   *   for (int w = 0; w < workers; w++) {
   *     total += Await.of(tasks.get(w));
   *   }
   *   return Coroutine.of(total);
   * }
   * }</pre>
   */
  static final class LockMain extends Coroutine<Long> {
    final int perWorker;
    final int workers;
    java.util.List<Task<Long>> tasks;
    long total;
    int w;

    LockMain(int perWorker, int workers) {
      this.perWorker = perWorker;
      this.workers = workers;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            {
              Lock lock = new Lock();
              tasks = new java.util.ArrayList<>();
              for (int k = 0; k < workers; k++) {
                tasks.add(Asyncio.createTask(new Worker(lock, perWorker)));
              }
              total = 0;
              w = 0;
              label = 1;
              continue;
            }
          case 1:
            if (w >= workers) {
              complete(total);
              return;
            }
            if (!await(tasks.get(w), 2)) {
              return;
            }
          // fall through
          case 2:
            total += awaitResult(false ? tasks.get(w) : null);
            w++;
            label = 1;
            continue;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }
  }

  /**
   * Hand-written state machine of:
   *
   * <pre>{@code
   * @Async
   * static Coroutine<Long> worker(Lock lock, int m) {
   *   long count = 0;
   *   for (int i = 0; i < m; i++) {
   *     Await.of(lock.acquire());
   *     Await.of(sleep(0));        // hold the lock across a suspension: the others queue up
   *     count++;
   *     lock.release();
   *   }
   *   return Coroutine.of(count);
   * }
   * }</pre>
   */
  static final class Worker extends Coroutine<Long> {
    final Lock lock;
    final int m;
    long count;
    int i;

    Worker(Lock lock, int m) {
      this.lock = lock;
      this.m = m;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            count = 0;
            i = 0;
            label = 1;
            continue;
          case 1:
            if (i >= m) {
              complete(count);
              return;
            }
            if (!await(lock.acquire(), 2)) {
              return;
            }
          // fall through
          case 2:
            awaitResult();
            if (!await(Asyncio.sleep(0), 3)) {
              return;
            }
          // fall through
          case 3:
            awaitResult();
            count++;
            lock.release();
            i++;
            label = 1;
            continue;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }
  }
}
