package org.asyncio4j.bench;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.getRunningLoop;
import static org.asyncio4j.Asyncio.sleep;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.Lock;
import org.asyncio4j.Queue;
import org.asyncio4j.Task;

/**
 * The asyncio4j workloads as a program would write them: {@code @Async} methods, compiled by the
 * annotation processor into the state machines of the generated {@code WorkloadsAsync} (what {@link
 * AsyncioPeer} and the JMH benchmarks run). {@link HandWritten} keeps the same workloads as
 * hand-written state machines of the generated shape, for comparison ({@code Bench handwritten}).
 */
public final class Workloads {
  private Workloads() {}

  /** Awaits a done future {@code n} times; returns {@code n}. */
  @Async
  public static Coroutine<Long> awaitDone(int n) {
    List<Future<Integer>> done = new ArrayList<>(); // 64 distinct done futures, so that
    for (int k = 0; k < 64; k++) { //                  the JIT cannot hoist the reads
      Future<Integer> f = getRunningLoop().createFuture();
      f.setResult(1);
      done.add(f);
    }
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Await.of(done.get(i & 63));
    }
    return Coroutine.of(sum);
  }

  /** Awaits the done futures {@code done} round-robin {@code n} times; returns the sum. */
  @Async
  public static Coroutine<Long> awaitFutures(Future<Integer>[] done, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Await.of(done[i & 63]);
    }
    return Coroutine.of(sum);
  }

  /**
   * Awaits 64 completed coroutines ({@code Coroutine.of(v)}) in turn {@code n} times; returns the
   * sum of their values. Not the shared constant {@code Coroutine.done()}: C2 could then remove the
   * awaits altogether (nothing in them has an effect it must keep), and did in some JVMs.
   */
  @Async
  public static Coroutine<Long> awaitDoneCoroutines(Coroutine<Integer>[] done, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Await.of(done[i & 63]);
    }
    return Coroutine.of(sum);
  }

  /** Yields to the loop ({@code sleep(0)}) {@code n} times; returns {@code n}. */
  @Async
  public static Coroutine<Long> yields(int n) {
    for (int i = 0; i < n; i++) {
      Await.of(sleep(0));
    }
    return Coroutine.of((long) n);
  }

  /** The trivial coroutine of a task: returns 1. */
  @Async
  public static Coroutine<Integer> one() {
    return Coroutine.of(1);
  }

  /** Creates, runs and awaits {@code n} trivial tasks in batches of 1000; returns {@code n}. */
  @Async
  public static Coroutine<Long> spawn(int n) {
    long sum = 0;
    List<Task<Integer>> batch = new ArrayList<>(1000);
    for (int started = 0; started < n; started += batch.size()) {
      batch.clear();
      int k = Math.min(1000, n - started);
      for (int j = 0; j < k; j++) {
        batch.add(createTask(WorkloadsAsync.one()));
      }
      for (int j = 0; j < k; j++) {
        sum += Await.of(batch.get(j));
      }
    }
    return Coroutine.of(sum);
  }

  /** Gathers {@code n} trivial coroutines; returns {@code n}. */
  @Async
  public static Coroutine<Long> gatherAll(int n) {
    List<Coroutine<Integer>> coros = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      coros.add(WorkloadsAsync.one());
    }
    List<Integer> results = Await.of(gather(coros));
    long sum = 0;
    for (int i = 0; i < results.size(); i++) {
      sum += results.get(i);
    }
    return Coroutine.of(sum);
  }

  /** The shared state of the ping-pong players: each one's current inbox. */
  static final class Court {
    final EventLoop loop;
    Future<Integer> ping;
    Future<Integer> pong;

    Court(EventLoop loop) {
      this.loop = loop;
    }
  }

  /**
   * Two tasks hand a value back and forth {@code rounds} times through futures ({@code 2 * rounds}
   * task switches); returns twice the sum of {@code i & 127}.
   */
  @Async
  public static Coroutine<Long> pingPong(int rounds) {
    Court court = new Court(getRunningLoop());
    Task<Long> pong = createTask(WorkloadsAsync.pong(court, rounds)); // runs first: opens its inbox
    Task<Long> ping = createTask(WorkloadsAsync.ping(court, rounds));
    long a = Await.of(ping);
    long b = Await.of(pong);
    return Coroutine.of(a + b);
  }

  @Async
  static Coroutine<Long> ping(Court court, int rounds) {
    long sum = 0;
    for (int i = 0; i < rounds; i++) {
      Future<Integer> inbox = court.loop.createFuture();
      court.ping = inbox;
      court.pong.setResult(i & 127); // wakes pong
      sum += Await.of(inbox); //        switch
    }
    return Coroutine.of(sum);
  }

  @Async
  static Coroutine<Long> pong(Court court, int rounds) {
    long sum = 0;
    for (int i = 0; i < rounds; i++) {
      Future<Integer> inbox = court.loop.createFuture();
      court.pong = inbox;
      int v = Await.of(inbox); // switch
      sum += v;
      court.ping.setResult(v); // wakes ping
    }
    return Coroutine.of(sum);
  }

  /** Counts fired timers and completes {@code allFired} with the count at the last one. */
  static final class TimerCounter implements Runnable {
    final int n;
    final Future<Long> allFired;
    int fired;

    TimerCounter(int n, Future<Long> allFired) {
      this.n = n;
      this.allFired = allFired;
    }

    @Override
    public void run() {
      if (++fired == n) {
        allFired.setResult((long) fired);
      }
    }
  }

  /** Schedules {@code n} timers over the next millisecond and waits until all fired; returns n. */
  @Async
  public static Coroutine<Long> timers(int n) {
    EventLoop loop = getRunningLoop();
    Future<Long> allFired = loop.createFuture();
    TimerCounter counter = new TimerCounter(n, allFired);
    long seed = 42;
    for (int i = 0; i < n; i++) {
      seed = Workload.nextRandom(seed);
      loop.callLater(Workload.timerDelay(seed), counter); // 0 to 1 ms, random order
    }
    return Coroutine.of(Await.of(allFired));
  }

  /** Awaits {@code n} call chains {@code depth} coroutines deep; returns {@code n * depth}. */
  @Async
  public static Coroutine<Long> chains(int n, int depth) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Await.of(WorkloadsAsync.chain(depth));
    }
    return Coroutine.of(sum);
  }

  /** A chain of {@code depth} nested coroutine calls; returns {@code depth}. */
  @Async
  public static Coroutine<Integer> chain(int depth) {
    if (depth == 0) {
      return Coroutine.of(0);
    }
    return Coroutine.of(Await.of(WorkloadsAsync.chain(depth - 1)) + 1);
  }

  /**
   * Parks {@code n} tasks on one pending future, calls {@code probe} before creating them and once
   * they are all parked, then releases them; returns {@code n}.
   */
  @Async
  public static Coroutine<Long> parked(int n, Runnable probe) {
    probe.run(); // heap before
    Future<Integer> gate = getRunningLoop().createFuture();
    List<Task<Integer>> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tasks.add(createTask(WorkloadsAsync.waiter(gate)));
    }
    Await.of(sleep(0)); // every task runs to its await and parks
    probe.run(); //        heap with n parked tasks
    gate.setResult(1);
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Await.of(tasks.get(i));
    }
    return Coroutine.of(sum);
  }

  @Async
  static Coroutine<Integer> waiter(Future<Integer> gate) {
    return Coroutine.of(Await.of(gate));
  }

  /** Passes {@code n} items ({@code i & 127}) through a queue; returns their sum. */
  @Async
  public static Coroutine<Long> queue(int n, int maxsize) {
    Queue<Integer> q = new Queue<>(maxsize);
    Task<Long> consumer = createTask(WorkloadsAsync.consume(q, n));
    Task<Long> producer = createTask(WorkloadsAsync.produce(q, n));
    Await.of(producer);
    return Coroutine.of(Await.of(consumer));
  }

  @Async
  static Coroutine<Long> produce(Queue<Integer> q, int n) {
    for (int i = 0; i < n; i++) {
      Await.of(q.put(i & 127));
    }
    return Coroutine.of(0L);
  }

  @Async
  static Coroutine<Long> consume(Queue<Integer> q, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Await.of(q.get());
    }
    return Coroutine.of(sum);
  }

  /** {@code workers} tasks each take the lock {@code perWorker} times; returns the total. */
  @Async
  public static Coroutine<Long> lockContention(int perWorker, int workers) {
    Lock lock = new Lock();
    List<Task<Long>> tasks = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      tasks.add(createTask(WorkloadsAsync.worker(lock, perWorker)));
    }
    long total = 0;
    for (int w = 0; w < workers; w++) {
      total += Await.of(tasks.get(w));
    }
    return Coroutine.of(total);
  }

  @Async
  static Coroutine<Long> worker(Lock lock, int m) {
    long count = 0;
    for (int i = 0; i < m; i++) {
      Await.of(lock.acquire());
      Await.of(sleep(0)); // hold the lock across a suspension: the others queue up
      count++;
      lock.release();
    }
    return Coroutine.of(count);
  }
}
