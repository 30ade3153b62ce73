package org.asyncio4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.Task;

/**
 * The asyncio4j workloads as hand-written state machines of the shape the annotation processor
 * generates (the contract of docs/design.md, section 2), each under the {@code @Async} source it
 * stands for; those sources are {@link Workloads}, compiled into {@code WorkloadsAsync}. Kept to
 * compare hand-written with generated code: {@code Bench handwritten WORKLOAD} (see {@link
 * AsyncioPeer#handWritten()}).
 */
public final class HandWritten {
  private HandWritten() {}

  /** Awaits a done future {@code n} times; returns {@code n}. */
  public static Coroutine<Long> awaitDone(int n) {
    return new AwaitDone(n);
  }

  /** Yields to the loop ({@code sleep(0)}) {@code n} times; returns {@code n}. */
  public static Coroutine<Long> yields(int n) {
    return new Yields(n);
  }

  /** Creates, runs and awaits {@code n} trivial tasks in batches of 1000; returns {@code n}. */
  public static Coroutine<Long> spawn(int n) {
    return new Spawn(n);
  }

  /** The trivial coroutine of a task: returns 1. */
  public static Coroutine<Integer> one() {
    return new One();
  }

  /** Gathers {@code n} trivial coroutines; returns {@code n}. */
  public static Coroutine<Long> gatherAll(int n) {
    return new GatherAll(n);
  }

  /**
   * Two tasks hand a value back and forth {@code rounds} times through futures ({@code 2 * rounds}
   * task switches); returns twice the sum of {@code i & 127}.
   */
  public static Coroutine<Long> pingPong(int rounds) {
    return new PingPong(rounds);
  }

  /** Schedules {@code n} timers over the next millisecond and waits until all fired; returns n. */
  public static Coroutine<Long> timers(int n) {
    return new Timers(n);
  }

  /** Awaits {@code n} call chains {@code depth} coroutines deep; returns {@code n * depth}. */
  public static Coroutine<Long> chains(int n, int depth) {
    return new Chains(n, depth);
  }

  /** A chain of {@code depth} nested coroutine calls; returns {@code depth}. */
  public static Coroutine<Integer> chain(int depth) {
    return new Chain(depth);
  }

  /**
   * Parks {@code n} tasks on one pending future, calls {@code probe} before creating them and once
   * they are all parked, then releases them; returns {@code n}.
   */
  public static Coroutine<Long> parked(int n, Runnable probe) {
    return new Parked(n, probe);
  }

  /**
   * Hand-written state machine of:
   *
   * <pre>{@code
   * @Async
   * static Coroutine<Long> awaitDone(int n) {
   *   List<Future<Integer>> done = new ArrayList<>();  // 64 distinct done futures, so that
   *   for (int k = 0; k < 64; k++) {                   // the JIT cannot hoist the reads
   *     Future<Integer> f = getRunningLoop().createFuture();
   *     f.setResult(1);
   *     done.add(f);
   *   }
   *   long sum = 0;
   *   for (int i = 0; i < n; i++) {
   *     sum += Await.of(done.get(i & 63));
   *   }
   *   return Coroutine.of(sum);
   * }
   * }</pre>
   */
  static final class AwaitDone extends Coroutine<Long> {
    final int n;
    List<Future<Integer>> done;
    long sum;
    int i;

    AwaitDone(int n) {
      this.n = n;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            done = new ArrayList<>();
            for (int k = 0; k < 64; k++) {
              Future<Integer> f = Asyncio.getRunningLoop().createFuture();
              f.setResult(1);
              done.add(f);
            }
            sum = 0;
            i = 0;
            label = 1;
            continue;
          case 1:
            if (i >= n) {
              complete(sum);
              return;
            }
            if (!await(done.get(i & 63), 2)) {
              return;
            }
          // fall through
          case 2:
            sum += awaitResult(false ? done.get(i & 63) : null);
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
   * static Coroutine<Long> yields(int n) {
   *   for (int i = 0; i < n; i++) {
   *     Await.of(sleep(0));
   *   }
   *   return Coroutine.of((long) n);
   * }
   * }</pre>
   */
  static final class Yields extends Coroutine<Long> {
    final int n;
    int i;

    Yields(int n) {
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
              complete((long) n);
              return;
            }
            if (!await(Asyncio.sleep(0), 2)) {
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
   * static Coroutine<Integer> one() {
   *   return Coroutine.of(1);
   * }
   * }</pre>
   */
  static final class One extends Coroutine<Integer> {
    @Override
    protected void resume() {
      switch (label) {
        case 0:
          complete(1);
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
   * static Coroutine<Long> spawn(int n) {
   *   long sum = 0;
   *   List<Task<Integer>> batch = new ArrayList<>(1000);
   *   for (int started = 0; started < n; started += batch.size()) {
   *     batch.clear();
   *     int k = Math.min(1000, n - started);
   *     for (int j = 0; j < k; j++) {
   *       batch.add(createTask(one()));
   *     }
   *     for (int j = 0; j < k; j++) {
   *       sum += Await.of(batch.get(j));
   *     }
   *   }
   *   return Coroutine.of(sum);
   * }
   * }</pre>
   */
  static final class Spawn extends Coroutine<Long> {
    final int n;
    long sum;
    List<Task<Integer>> batch;
    int started;
    int k;
    int j;

    Spawn(int n) {
      this.n = n;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            sum = 0;
            batch = new ArrayList<>(1000);
            started = 0;
            label = 1;
            continue;
          case 1:
            if (started >= n) {
              complete(sum);
              return;
            }
            batch.clear();
            k = Math.min(1000, n - started);
            for (int jj = 0; jj < k; jj++) {
              batch.add(Asyncio.createTask(one()));
            }
            j = 0;
            label = 2;
            continue;
          case 2:
            if (j >= k) {
              started += batch.size();
              label = 1;
              continue;
            }
            if (!await(batch.get(j), 3)) {
              return;
            }
          // fall through
          case 3:
            sum += awaitResult(false ? batch.get(j) : null);
            j++;
            label = 2;
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
   * static Coroutine<Long> gatherAll(int n) {
   *   List<Coroutine<Integer>> coros = new ArrayList<>(n);
   *   for (int i = 0; i < n; i++) {
   *     coros.add(one());
   *   }
   *   List<Integer> results = Await.of(gather(coros));
   *   long sum = 0;
   *   for (int i = 0; i < results.size(); i++) {
   *     sum += results.get(i);
   *   }
   *   return Coroutine.of(sum);
   * }
   * }</pre>
   */
  static final class GatherAll extends Coroutine<Long> {
    final int n;
    List<Coroutine<Integer>> coros;

    GatherAll(int n) {
      this.n = n;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          coros = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            coros.add(one());
          }
          if (!await(Asyncio.gather(coros), 1)) {
            return;
          }
        // fall through
        case 1:
          {
            List<Integer> results = awaitResult(false ? Asyncio.gather(coros) : null);
            long sum = 0;
            for (int i = 0; i < results.size(); i++) {
              sum += results.get(i);
            }
            complete(sum);
            return;
          }
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }
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
   * Hand-written state machine of:
   *
   * <pre>{@code
   * @Async
   * static Coroutine<Long> pingPong(int rounds) {
   *   Court court = new Court(getRunningLoop());
   *   Task<Long> pong = createTask(pong(court, rounds));   // runs first: opens its inbox
   *   Task<Long> ping = createTask(ping(court, rounds));
   *   long a = Await.of(ping);
   *   long b = Await.of(pong);
   *   return Coroutine.of(a + b);
   * }
   * }</pre>
   */
  static final class PingPong extends Coroutine<Long> {
    final int rounds;
    Task<Long> pong;
    Task<Long> ping;
    long a;

    PingPong(int rounds) {
      this.rounds = rounds;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          {
            Court court = new Court(Asyncio.getRunningLoop());
            pong = Asyncio.createTask(new Pong(court, rounds));
            ping = Asyncio.createTask(new Ping(court, rounds));
            if (!await(ping, 1)) {
              return;
            }
          }
        // fall through
        case 1:
          a = awaitResult(false ? ping : null);
          if (!await(pong, 2)) {
            return;
          }
        // fall through
        case 2:
          {
            long b = awaitResult(false ? pong : null);
            complete(a + b);
            return;
          }
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
   * static Coroutine<Long> ping(Court court, int rounds) {
   *   long sum = 0;
   *   for (int i = 0; i < rounds; i++) {
   *     Future<Integer> inbox = court.loop.createFuture();
   *     court.ping = inbox;
   *     court.pong.setResult(i & 127);    // wakes pong
   *     sum += Await.of(inbox);           // switch
   *   }
   *   return Coroutine.of(sum);
   * }
   * }</pre>
   */
  static final class Ping extends Coroutine<Long> {
    final Court court;
    final int rounds;
    long sum;
    int i;
    Future<Integer> inbox;

    Ping(Court court, int rounds) {
      this.court = court;
      this.rounds = rounds;
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
            if (i >= rounds) {
              complete(sum);
              return;
            }
            inbox = court.loop.createFuture();
            court.ping = inbox;
            court.pong.setResult(i & 127);
            if (!await(inbox, 2)) {
              return;
            }
          // fall through
          case 2:
            sum += awaitResult(false ? inbox : null);
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
   * static Coroutine<Long> pong(Court court, int rounds) {
   *   long sum = 0;
   *   for (int i = 0; i < rounds; i++) {
   *     Future<Integer> inbox = court.loop.createFuture();
   *     court.pong = inbox;
   *     int v = Await.of(inbox);          // switch
   *     sum += v;
   *     court.ping.setResult(v);          // wakes ping
   *   }
   *   return Coroutine.of(sum);
   * }
   * }</pre>
   */
  static final class Pong extends Coroutine<Long> {
    final Court court;
    final int rounds;
    long sum;
    int i;
    Future<Integer> inbox;

    Pong(Court court, int rounds) {
      this.court = court;
      this.rounds = rounds;
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
            if (i >= rounds) {
              complete(sum);
              return;
            }
            inbox = court.loop.createFuture();
            court.pong = inbox;
            if (!await(inbox, 2)) {
              return;
            }
          // fall through
          case 2:
            {
              int v = awaitResult(false ? inbox : null);
              sum += v;
              court.ping.setResult(v);
              i++;
              label = 1;
              continue;
            }
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }
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

  /**
   * Hand-written state machine of:
   *
   * <pre>{@code
   * @Async
   * static Coroutine<Long> timers(int n) {
   *   EventLoop loop = getRunningLoop();
   *   Future<Long> allFired = loop.createFuture();
   *   TimerCounter counter = new TimerCounter(n, allFired);
   *   long seed = 42;
   *   for (int i = 0; i < n; i++) {
   *     seed = Workload.nextRandom(seed);
   *     loop.callLater(Workload.timerDelay(seed), counter);   // 0 to 1 ms, random order
   *   }
   *   return Coroutine.of(Await.of(allFired));
   * }
   * }</pre>
   */
  static final class Timers extends Coroutine<Long> {
    final int n;
    Future<Long> allFired;

    Timers(int n) {
      this.n = n;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          {
            EventLoop loop = Asyncio.getRunningLoop();
            allFired = loop.createFuture();
            TimerCounter counter = new TimerCounter(n, allFired);
            long seed = 42;
            for (int i = 0; i < n; i++) {
              seed = Workload.nextRandom(seed);
              loop.callLater(Workload.timerDelay(seed), counter);
            }
            if (!await(allFired, 1)) {
              return;
            }
          }
        // fall through
        case 1:
          complete(awaitResult(false ? allFired : null));
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
   * static Coroutine<Long> chains(int n, int depth) {
   *   long sum = 0;
   *   for (int i = 0; i < n; i++) {
   *     sum += Await.of(chain(depth));
   *   }
   *   return Coroutine.of(sum);
   * }
   * }</pre>
   */
  static final class Chains extends Coroutine<Long> {
    final int n;
    final int depth;
    long sum;
    int i;

    Chains(int n, int depth) {
      this.n = n;
      this.depth = depth;
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
            if (!await(chain(depth), 2)) {
              return;
            }
          // fall through
          case 2:
            sum += awaitResult(false ? chain(depth) : null);
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
   * static Coroutine<Integer> chain(int depth) {
   *   if (depth == 0) {
   *     return Coroutine.of(0);
   *   }
   *   return Coroutine.of(Await.of(chain(depth - 1)) + 1);
   * }
   * }</pre>
   */
  static final class Chain extends Coroutine<Integer> {
    final int depth;

    Chain(int depth) {
      this.depth = depth;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          if (depth == 0) {
            complete(0);
            return;
          }
          if (!await(chain(depth - 1), 1)) {
            return;
          }
        // fall through
        case 1:
          complete(awaitResult(false ? chain(depth - 1) : null) + 1);
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
   * static Coroutine<Long> parked(int n, Runnable probe) {
   *   probe.run();                                   // heap before
   *   Future<Integer> gate = getRunningLoop().createFuture();
   *   List<Task<Integer>> tasks = new ArrayList<>(n);
   *   for (int i = 0; i < n; i++) {
   *     tasks.add(createTask(waiter(gate)));
   *   }
   *   Await.of(sleep(0));                            // every task runs to its await and parks
   *   probe.run();                                   // heap with n parked tasks
   *   gate.setResult(1);
   *   long sum = 0;
   *   for (int i = 0; i < n; i++) {
   *     sum += Await.of(tasks.get(i));
   *   }
   *   return Coroutine.of(sum);
   * }
   * }</pre>
   */
  static final class Parked extends Coroutine<Long> {
    final int n;
    final Runnable probe;
    Future<Integer> gate;
    List<Task<Integer>> tasks;
    long sum;
    int i;

    Parked(int n, Runnable probe) {
      this.n = n;
      this.probe = probe;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            probe.run();
            gate = Asyncio.getRunningLoop().createFuture();
            tasks = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
              tasks.add(Asyncio.createTask(new Waiter(gate)));
            }
            if (!await(Asyncio.sleep(0), 1)) {
              return;
            }
          // fall through
          case 1:
            awaitResult();
            probe.run();
            gate.setResult(1);
            sum = 0;
            i = 0;
            label = 2;
            continue;
          case 2:
            if (i >= n) {
              complete(sum);
              return;
            }
            if (!await(tasks.get(i), 3)) {
              return;
            }
          // fall through
          case 3:
            sum += awaitResult(false ? tasks.get(i) : null);
            i++;
            label = 2;
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
   * static Coroutine<Integer> waiter(Future<Integer> gate) {
   *   return Coroutine.of(Await.of(gate));
   * }
   * }</pre>
   */
  static final class Waiter extends Coroutine<Integer> {
    final Future<Integer> gate;

    Waiter(Future<Integer> gate) {
      this.gate = gate;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          if (!await(gate, 1)) {
            return;
          }
        // fall through
        case 1:
          complete(awaitResult(false ? gate : null));
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }
  }
}
