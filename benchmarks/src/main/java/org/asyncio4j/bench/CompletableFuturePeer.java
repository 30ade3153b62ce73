package org.asyncio4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@link CompletableFuture} continuations on a single-thread executor ({@link
 * Executors#newSingleThreadExecutor()}): the JDK's own callback style, confined to one thread like
 * an event loop. A suspension is a continuation registered with a {@code *Async(..., executor)}
 * method, so every resumption goes through the executor as it goes through asyncio's loop. There is
 * no asynchronous queue or lock in the JDK, so those workloads are left out.
 */
public final class CompletableFuturePeer implements Peer {
  @Override
  public String name() {
    return "cf";
  }

  @Override
  public String unsupported(Workload w) {
    if (w.isQueue() || w == Workload.LOCK) {
      return "the JDK has no asynchronous queue or lock for CompletableFuture";
    }
    return null;
  }

  @Override
  public long run(Workload w, int n, Runnable probe) throws Exception {
    if (w == Workload.TIMERS) {
      return timers(n);
    }
    ExecutorService exec = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<Long> result =
          CompletableFuture.supplyAsync(() -> start(w, n, probe, exec), exec).thenCompose(f -> f);
      return result.get();
    } finally {
      exec.shutdown();
      exec.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static CompletableFuture<Long> start(
      Workload w, int n, Runnable probe, ExecutorService exec) {
    switch (w) {
      case AWAIT_DONE:
        return CompletableFuture.completedFuture(awaitDone(n));
      case YIELD:
        return new Yields(n, exec).start();
      case TASK:
        return new Spawn(n, 1000, exec).start();
      case GATHER:
        return new Spawn(n, n, exec).start();
      case PING_PONG:
        return pingPong(n / 2, exec);
      case CHAIN:
        return CompletableFuture.completedFuture(chains(n));
      case PARKED:
        return parked(n, probe, exec);
      default:
        throw new IllegalArgumentException(w.id());
    }
  }

  /** join() of an already completed future. */
  static long awaitDone(int n) {
    @SuppressWarnings("unchecked")
    CompletableFuture<Integer>[] done = new CompletableFuture[64];
    for (int k = 0; k < done.length; k++) {
      done[k] = CompletableFuture.completedFuture(1);
    }
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += done[i & 63].join();
    }
    return sum;
  }

  /** Each step resubmits itself through the executor. */
  static final class Yields implements Runnable {
    final int n;
    final ExecutorService exec;
    final CompletableFuture<Long> done = new CompletableFuture<>();
    int i;

    Yields(int n, ExecutorService exec) {
      this.n = n;
      this.exec = exec;
    }

    CompletableFuture<Long> start() {
      run();
      return done;
    }

    @Override
    public void run() {
      if (i++ < n) {
        CompletableFuture.runAsync(NOTHING, exec).thenRun(this);
      } else {
        done.complete((long) n);
      }
    }
  }

  private static final Runnable NOTHING = () -> {};

  /** Batches of supplyAsync tasks joined with allOf. */
  static final class Spawn {
    final int n;
    final int batchSize;
    final ExecutorService exec;
    final CompletableFuture<Long> done = new CompletableFuture<>();
    int started;
    long sum;

    Spawn(int n, int batchSize, ExecutorService exec) {
      this.n = n;
      this.batchSize = batchSize;
      this.exec = exec;
    }

    CompletableFuture<Long> start() {
      nextBatch();
      return done;
    }

    private void nextBatch() {
      if (started >= n) {
        done.complete(sum);
        return;
      }
      int k = Math.min(batchSize, n - started);
      started += k;
      @SuppressWarnings("unchecked")
      CompletableFuture<Integer>[] batch = new CompletableFuture[k];
      for (int j = 0; j < k; j++) {
        batch[j] = CompletableFuture.supplyAsync(() -> 1, exec);
      }
      CompletableFuture.allOf(batch)
          .thenRunAsync(
              () -> {
                for (CompletableFuture<Integer> f : batch) {
                  sum += f.join();
                }
                nextBatch();
              },
              exec);
    }
  }

  static CompletableFuture<Long> pingPong(int rounds, ExecutorService exec) {
    final class Player {
      CompletableFuture<Integer> inbox;
      Player other;
      long sum;
      int i;
      final boolean serves;
      final CompletableFuture<Long> done = new CompletableFuture<>();

      Player(boolean serves) {
        this.serves = serves;
      }

      /** Opens a new inbox; the server hands the ball first, the receiver after receiving. */
      void turn() {
        if (i >= rounds) {
          done.complete(sum);
          return;
        }
        CompletableFuture<Integer> box = new CompletableFuture<>();
        inbox = box;
        if (serves) {
          other.inbox.complete(i & 127);
        }
        box.thenAcceptAsync(this::received, exec);
      }

      void received(int v) {
        sum += v;
        if (!serves) {
          other.inbox.complete(v);
        }
        i++;
        turn();
      }
    }
    Player pong = new Player(false);
    Player ping = new Player(true);
    pong.other = ping;
    ping.other = pong;
    pong.turn();
    ping.turn();
    return ping.done.thenCombine(pong.done, Long::sum);
  }

  /** thenApply chains over completed futures: the synchronous path of CompletableFuture code. */
  static long chains(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += chain(Workload.CHAIN_DEPTH).join();
    }
    return sum;
  }

  static CompletableFuture<Integer> chain(int depth) {
    if (depth == 0) {
      return CompletableFuture.completedFuture(0);
    }
    return chain(depth - 1).thenApply(x -> x + 1);
  }

  /** n continuations registered on one pending future. */
  static CompletableFuture<Long> parked(int n, Runnable probe, ExecutorService exec) {
    probe.run();
    CompletableFuture<Integer> gate = new CompletableFuture<>();
    List<CompletableFuture<Integer>> parked = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      parked.add(gate.thenApplyAsync(v -> v, exec));
    }
    probe.run();
    gate.complete(1);
    return CompletableFuture.allOf(parked.toArray(new CompletableFuture<?>[0]))
        .thenApply(
            x -> {
              long sum = 0;
              for (CompletableFuture<Integer> f : parked) {
                sum += f.join();
              }
              return sum;
            });
  }

  /** One single-thread scheduled executor firing every timer. */
  static long timers(int n) throws InterruptedException {
    ScheduledExecutorService sched = Executors.newSingleThreadScheduledExecutor();
    try {
      CountDownLatch all = new CountDownLatch(1);
      int[] fired = new int[1];
      Runnable count =
          () -> {
            if (++fired[0] == n) {
              all.countDown();
            }
          };
      CompletableFuture<Void> scheduled =
          CompletableFuture.runAsync(
              () -> {
                long seed = 42;
                for (int i = 0; i < n; i++) {
                  seed = Workload.nextRandom(seed);
                  sched.schedule(count, Workload.timerDelayNanos(seed), TimeUnit.NANOSECONDS);
                }
              },
              sched);
      scheduled.join();
      all.await();
      return fired[0];
    } finally {
      sched.shutdown();
    }
  }
}
