package org.asyncio4j.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The practical floor: the same workloads on a plain hand-written single-threaded loop, with no
 * framework. A fiber is a small state machine with an {@code int} state; the loop is an {@link
 * ArrayDeque} of ready fibers and a binary heap of timers; a promise holds a value and at most one
 * waiting fiber. No cancellation, no exception handling, no diagnostics: what a specialised program
 * would write by hand, and so the cost of suspend/resume, switches and queues without generality.
 * Iterations follow asyncio's: due timers first, then the fibers ready at the start of the
 * iteration.
 */
public final class FloorPeer implements Peer {
  @Override
  public String name() {
    return "floor";
  }

  @Override
  public String unsupported(Workload w) {
    return null;
  }

  @Override
  public long run(Workload w, int n, Runnable probe) {
    Loop loop = new Loop();
    switch (w) {
      case AWAIT_DONE:
        return awaitDone(n);
      case YIELD:
        return loop.runMain(new Yields(n));
      case TASK:
        return loop.runMain(new Spawn(n, 1000));
      case GATHER:
        return loop.runMain(new Spawn(n, n));
      case PING_PONG:
        return pingPong(loop, n / 2);
      case QUEUE_UNBOUNDED:
      case QUEUE_1:
      case QUEUE_1024:
        return queue(loop, n, w.queueMaxsize());
      case TIMERS:
        return timers(loop, n);
      case LOCK:
        return lock(loop, n / Workload.LOCK_WORKERS, Workload.LOCK_WORKERS);
      case CHAIN:
        return chains(n, Workload.CHAIN_DEPTH);
      case PARKED:
        return loop.runMain(new Parked(n, probe));
      default:
        throw new IllegalArgumentException(w.id());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The loop.

  /** A resumable unit of work: runs from {@code state} until it suspends or finishes. */
  abstract static class Fiber {
    int state;
    boolean done;
    long result;

    /** The fiber to wake when this one finishes. */
    Fiber joiner;

    abstract void resume(Loop loop);

    final void finish(Loop loop, long value) {
      result = value;
      done = true;
      if (joiner != null) {
        loop.ready.add(joiner);
      }
    }
  }

  /** A one-shot value with at most one waiting fiber. */
  static final class Promise {
    boolean done;
    int value;
    Fiber waiter;

    void complete(Loop loop, int v) {
      value = v;
      done = true;
      if (waiter != null) {
        loop.ready.add(waiter);
        waiter = null;
      }
    }
  }

  /** A timer: a deadline in nanoseconds and a callback. */
  static final class Timer {
    final long deadline;
    final long sequence;
    final Runnable callback;

    Timer(long deadline, long sequence, Runnable callback) {
      this.deadline = deadline;
      this.sequence = sequence;
      this.callback = callback;
    }

    boolean isBefore(Timer o) {
      return deadline < o.deadline || (deadline == o.deadline && sequence < o.sequence);
    }
  }

  /** Ready fibers in FIFO order plus a timer heap. */
  static final class Loop {
    final ArrayDeque<Fiber> ready = new ArrayDeque<>();
    Timer[] heap = new Timer[16];
    int timers;
    long sequence;

    /**
     * Runs until nothing is ready and no timer is pending. Like asyncio's loop, an iteration runs
     * the due timers and then exactly the fibers that were ready when it started, so a fiber that
     * reschedules itself yields for one iteration.
     */
    long runMain(Fiber main) {
      ready.add(main);
      for (; ; ) {
        if (timers > 0) {
          runDueTimers(ready.isEmpty());
        }
        int n = ready.size();
        if (n == 0) {
          if (timers == 0) {
            break;
          }
          continue;
        }
        for (int i = 0; i < n; i++) {
          ready.poll().resume(this);
        }
      }
      if (!main.done) {
        throw new IllegalStateException("main fiber did not finish");
      }
      return main.result;
    }

    void callLater(long delayNanos, Runnable callback) {
      Timer t = new Timer(System.nanoTime() + delayNanos, sequence++, callback);
      if (timers == heap.length) {
        heap = java.util.Arrays.copyOf(heap, timers * 2);
      }
      int i = timers++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        Timer p = heap[parent];
        if (!t.isBefore(p)) {
          break;
        }
        heap[i] = p;
        i = parent;
      }
      heap[i] = t;
    }

    private void runDueTimers(boolean mayWait) {
      long now = System.nanoTime();
      if (mayWait && heap[0].deadline > now) {
        java.util.concurrent.locks.LockSupport.parkNanos(heap[0].deadline - now);
        now = System.nanoTime();
      }
      while (timers > 0 && heap[0].deadline <= now) {
        Timer top = heap[0];
        Timer last = heap[--timers];
        heap[timers] = null;
        if (timers > 0) {
          int i = 0;
          int half = timers >>> 1;
          while (i < half) {
            int child = 2 * i + 1;
            Timer c = heap[child];
            int right = child + 1;
            if (right < timers && heap[right].isBefore(c)) {
              child = right;
              c = heap[child];
            }
            if (!c.isBefore(last)) {
              break;
            }
            heap[i] = c;
            i = child;
          }
          heap[i] = last;
        }
        top.callback.run();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Workloads.

  /** Reading done promises n times: a field test and a field read each. */
  static long awaitDone(int n) {
    Promise[] done = new Promise[64];
    Loop loop = new Loop();
    for (int k = 0; k < done.length; k++) {
      done[k] = new Promise();
      done[k].complete(loop, 1);
    }
    long sum = 0;
    for (int i = 0; i < n; i++) {
      Promise p = done[i & 63];
      if (!p.done) {
        throw new IllegalStateException("not done");
      }
      sum += p.value;
    }
    return sum;
  }

  static final class Yields extends Fiber {
    final int n;
    int i;

    Yields(int n) {
      this.n = n;
    }

    @Override
    void resume(Loop loop) {
      if (i < n) {
        i++;
        loop.ready.add(this);
        return;
      }
      finish(loop, n);
    }
  }

  static final class One extends Fiber {
    @Override
    void resume(Loop loop) {
      finish(loop, 1);
    }
  }

  /** Starts children in batches and waits for each batch (it is each child's joiner). */
  static final class Spawn extends Fiber {
    final int n;
    final int batchSize;
    final List<One> batch = new ArrayList<>();
    int started;
    int j;
    long sum;

    Spawn(int n, int batchSize) {
      this.n = n;
      this.batchSize = batchSize;
    }

    @Override
    void resume(Loop loop) {
      for (; ; ) {
        if (state == 0) {
          if (started >= n) {
            finish(loop, sum);
            return;
          }
          batch.clear();
          int k = Math.min(batchSize, n - started);
          for (int x = 0; x < k; x++) {
            One c = new One();
            batch.add(c);
            loop.ready.add(c);
          }
          started += k;
          j = 0;
          state = 1;
        }
        // state 1: await batch.get(j) for each j
        while (j < batch.size()) {
          One c = batch.get(j);
          if (!c.done) {
            c.joiner = this;
            return;
          }
          sum += c.result;
          j++;
        }
        state = 0;
      }
    }
  }

  static final class Court {
    Promise ping;
    Promise pong;
  }

  static final class Ping extends Fiber {
    final Court court;
    final int rounds;
    Promise inbox;
    int i;
    long sum;

    Ping(Court court, int rounds) {
      this.court = court;
      this.rounds = rounds;
    }

    @Override
    void resume(Loop loop) {
      if (state == 1) {
        sum += inbox.value;
        i++;
      }
      if (i >= rounds) {
        finish(loop, sum);
        return;
      }
      inbox = new Promise();
      court.ping = inbox;
      court.pong.complete(loop, i & 127);
      inbox.waiter = this;
      state = 1;
    }
  }

  static final class Pong extends Fiber {
    final Court court;
    final int rounds;
    Promise inbox;
    int i;
    long sum;

    Pong(Court court, int rounds) {
      this.court = court;
      this.rounds = rounds;
    }

    @Override
    void resume(Loop loop) {
      if (state == 1) {
        int v = inbox.value;
        sum += v;
        court.ping.complete(loop, v);
        i++;
      }
      if (i >= rounds) {
        finish(loop, sum);
        return;
      }
      inbox = new Promise();
      court.pong = inbox;
      inbox.waiter = this;
      state = 1;
    }
  }

  static long pingPong(Loop loop, int rounds) {
    Court court = new Court();
    Pong pong = new Pong(court, rounds);
    Ping ping = new Ping(court, rounds);
    loop.ready.add(pong);
    loop.ready.add(ping);
    loop.runMain(
        new Fiber() {
          @Override
          void resume(Loop l) {
            finish(l, 0);
          }
        });
    return ping.result + pong.result;
  }

  /** A bounded FIFO between fibers: items in a deque, waiting getters and putters in deques. */
  static final class FloorQueue {
    final int maxsize;
    final ArrayDeque<Integer> items = new ArrayDeque<>();
    final ArrayDeque<Fiber> getters = new ArrayDeque<>();
    final ArrayDeque<Fiber> putters = new ArrayDeque<>();

    FloorQueue(int maxsize) {
      this.maxsize = maxsize;
    }

    boolean isFull() {
      return maxsize > 0 && items.size() >= maxsize;
    }

    /** Adds the item and returns true, or registers {@code f} to be woken and returns false. */
    boolean tryPut(Loop loop, Fiber f, Integer item) {
      if (isFull()) {
        putters.add(f);
        return false;
      }
      items.add(item);
      Fiber g = getters.poll();
      if (g != null) {
        loop.ready.add(g);
      }
      return true;
    }

    /** The next item, or null after registering {@code f} to be woken. */
    Integer tryGet(Loop loop, Fiber f) {
      Integer item = items.poll();
      if (item == null) {
        getters.add(f);
        return null;
      }
      Fiber p = putters.poll();
      if (p != null) {
        loop.ready.add(p);
      }
      return item;
    }
  }

  static final class Producer extends Fiber {
    final FloorQueue q;
    final int n;
    int i;

    Producer(FloorQueue q, int n) {
      this.q = q;
      this.n = n;
    }

    @Override
    void resume(Loop loop) {
      while (i < n) {
        if (!q.tryPut(loop, this, i & 127)) {
          return;
        }
        i++;
      }
      finish(loop, 0);
    }
  }

  static final class Consumer extends Fiber {
    final FloorQueue q;
    final int n;
    int i;
    long sum;

    Consumer(FloorQueue q, int n) {
      this.q = q;
      this.n = n;
    }

    @Override
    void resume(Loop loop) {
      while (i < n) {
        Integer item = q.tryGet(loop, this);
        if (item == null) {
          return;
        }
        sum += item;
        i++;
      }
      finish(loop, sum);
    }
  }

  static long queue(Loop loop, int n, int maxsize) {
    FloorQueue q = new FloorQueue(maxsize);
    Consumer c = new Consumer(q, n);
    loop.ready.add(c);
    loop.runMain(new Producer(q, n));
    if (!c.done) {
      throw new IllegalStateException("consumer did not finish");
    }
    return c.sum;
  }

  static final class TimerCount implements Runnable {
    int fired;

    @Override
    public void run() {
      fired++;
    }
  }

  static long timers(Loop loop, int n) {
    TimerCount count = new TimerCount();
    long seed = 42;
    for (int i = 0; i < n; i++) {
      seed = Workload.nextRandom(seed);
      loop.callLater(Workload.timerDelayNanos(seed), count);
    }
    loop.runMain(
        new Fiber() {
          @Override
          void resume(Loop l) {
            finish(l, 0);
          }
        });
    return count.fired;
  }

  /** A FIFO lock: release hands it straight to the first waiter. */
  static final class FloorLock {
    boolean locked;
    final ArrayDeque<Fiber> waiters = new ArrayDeque<>();

    boolean tryAcquire(Fiber f) {
      if (!locked) {
        locked = true;
        return true;
      }
      waiters.add(f);
      return false;
    }

    void release(Loop loop) {
      Fiber next = waiters.poll();
      if (next == null) {
        locked = false;
      } else {
        loop.ready.add(next); // ownership passes to next
      }
    }
  }

  static final class LockWorker extends Fiber {
    final FloorLock lock;
    final int m;
    int i;

    LockWorker(FloorLock lock, int m) {
      this.lock = lock;
      this.m = m;
    }

    @Override
    void resume(Loop loop) {
      for (; ; ) {
        switch (state) {
          case 0: // acquire
            if (i >= m) {
              finish(loop, i);
              return;
            }
            state = 1;
            if (!lock.tryAcquire(this)) {
              return; // woken holding the lock
            }
          // fall through
          case 1: // holding: yield once
            state = 2;
            loop.ready.add(this);
            return;
          case 2:
            i++;
            lock.release(loop);
            state = 0;
            continue;
          default:
            throw new IllegalStateException("bad state " + state);
        }
      }
    }
  }

  static long lock(Loop loop, int perWorker, int workers) {
    FloorLock lock = new FloorLock();
    List<LockWorker> all = new ArrayList<>();
    for (int k = 0; k < workers; k++) {
      LockWorker w = new LockWorker(lock, perWorker);
      all.add(w);
      loop.ready.add(w);
    }
    loop.runMain(
        new Fiber() {
          @Override
          void resume(Loop l) {
            finish(l, 0);
          }
        });
    long total = 0;
    for (LockWorker w : all) {
      total += w.result;
    }
    return total;
  }

  /** The floor of a call chain: plain synchronous recursion. */
  static long chains(int n, int depth) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += chain(depth);
    }
    return sum;
  }

  static int chain(int depth) {
    return depth == 0 ? 0 : chain(depth - 1) + 1;
  }

  /** A promise many fibers wait on. */
  static final class Gate {
    boolean done;
    int value;
    final ArrayList<Fiber> waiters = new ArrayList<>();

    void complete(Loop loop, int v) {
      value = v;
      done = true;
      loop.ready.addAll(waiters);
      waiters.clear();
    }
  }

  static final class GateWaiter extends Fiber {
    final Gate gate;

    GateWaiter(Gate gate) {
      this.gate = gate;
    }

    @Override
    void resume(Loop loop) {
      if (!gate.done) {
        gate.waiters.add(this);
        return;
      }
      finish(loop, gate.value);
    }
  }

  static final class Parked extends Fiber {
    final int n;
    final Runnable probe;
    Gate gate;
    List<GateWaiter> waiters;

    Parked(int n, Runnable probe) {
      this.n = n;
      this.probe = probe;
    }

    @Override
    void resume(Loop loop) {
      switch (state) {
        case 0:
          probe.run();
          gate = new Gate();
          waiters = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            GateWaiter w = new GateWaiter(gate);
            waiters.add(w);
            loop.ready.add(w);
          }
          state = 1;
          loop.ready.add(this); // yield once: every waiter parks
          return;
        case 1:
          probe.run();
          gate.complete(loop, 1);
          state = 2;
          loop.ready.add(this);
          return;
        default:
          long sum = 0;
          for (GateWaiter w : waiters) {
            sum += w.result;
          }
          finish(loop, sum);
      }
    }
  }
}
