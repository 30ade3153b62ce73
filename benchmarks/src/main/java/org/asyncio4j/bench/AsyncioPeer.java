package org.asyncio4j.bench;

import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;

/**
 * asyncio4j: each workload is one {@link Asyncio#run} of a coroutine from {@link WorkloadsAsync}
 * (queue and lock workloads from {@code QueueLockAsync}, present when the runtime has {@code Queue}
 * and {@code Lock}).
 */
public final class AsyncioPeer implements Peer {
  /** The optional queue and lock workloads, looked up by name. */
  static final String QUEUE_LOCK_CLASS = "org.asyncio4j.bench.QueueLockAsync";

  @Override
  public String name() {
    return "asyncio4j";
  }

  @Override
  public String unsupported(Workload w) {
    if ((w.isQueue() || w == Workload.LOCK) && queueLock() == null) {
      return "Queue/Lock workloads not built (runtime Queue and Lock not committed yet)";
    }
    return null;
  }

  @Override
  public long run(Workload w, int n, Runnable probe) throws Exception {
    return Asyncio.run(coroutine(w, n, probe));
  }

  /** The main coroutine of {@code w}. */
  public static Coroutine<Long> coroutine(Workload w, int n, Runnable probe) throws Exception {
    switch (w) {
      case AWAIT_DONE:
        return WorkloadsAsync.awaitDone(n);
      case YIELD:
        return WorkloadsAsync.yields(n);
      case TASK:
        return WorkloadsAsync.spawn(n);
      case GATHER:
        return WorkloadsAsync.gatherAll(n);
      case PING_PONG:
        return WorkloadsAsync.pingPong(n / 2);
      case TIMERS:
        return WorkloadsAsync.timers(n);
      case CHAIN:
        return WorkloadsAsync.chains(n, Workload.CHAIN_DEPTH);
      case PARKED:
        return WorkloadsAsync.parked(n, probe);
      case QUEUE_UNBOUNDED:
      case QUEUE_1:
      case QUEUE_1024:
        return invoke("queue", new Class<?>[] {int.class, int.class}, n, w.queueMaxsize());
      case LOCK:
        return invoke(
            "lockContention",
            new Class<?>[] {int.class, int.class},
            n / Workload.LOCK_WORKERS,
            Workload.LOCK_WORKERS);
      default:
        throw new IllegalArgumentException(w.id());
    }
  }

  @SuppressWarnings("unchecked")
  private static Coroutine<Long> invoke(String method, Class<?>[] types, Object... args)
      throws Exception {
    Class<?> c = queueLock();
    if (c == null) {
      throw new UnsupportedOperationException("Queue/Lock workloads not built");
    }
    return (Coroutine<Long>) c.getMethod(method, types).invoke(null, args);
  }

  private static Class<?> queueLock() {
    try {
      return Class.forName(QUEUE_LOCK_CLASS);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
