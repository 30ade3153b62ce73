package org.asyncio4j.bench;

/**
 * The workloads of the comparison, the same for every peer. Each figure is per operation: {@link
 * #unit()} says what an operation is. {@code n} counts operations; the Python peer runs fewer of
 * them ({@link #pythonN()}) to keep its run time bounded, which does not change a per-operation
 * figure.
 */
public enum Workload {
  AWAIT_DONE("await-done", "await of an already-done future", "ns/await", 10_000_000, 1_000_000),
  YIELD("yield", "suspend/resume through the loop: sleep(0)", "ns/yield", 2_000_000, 200_000),
  TASK("task", "create + run + complete a task (batches of 1000)", "ns/task", 1_000_000, 100_000),
  GATHER("gather-100k", "gather over 100k trivial tasks", "ns/task", 100_000, 100_000),
  PING_PONG("ping-pong", "two tasks switching through futures", "ns/switch", 2_000_000, 200_000),
  QUEUE_UNBOUNDED(
      "queue-unbounded", "1M items producer->consumer, unbounded", "ns/item", 1_000_000, 200_000),
  QUEUE_1("queue-max1", "1M items producer->consumer, maxsize 1", "ns/item", 1_000_000, 100_000),
  QUEUE_1024(
      "queue-max1024", "1M items producer->consumer, maxsize 1024", "ns/item", 1_000_000, 200_000),
  TIMERS(
      "timers-1M", "1M timers over 1 ms (random order), all fired", "ns/timer", 1_000_000, 200_000),
  LOCK(
      "lock",
      "lock hand-off, 4 tasks contending (yield while held)",
      "ns/acquire",
      400_000,
      40_000),
  CHAIN("chain-100", "a coroutine call chain 100 deep", "ns/chain", 100_000, 5_000),
  PARKED(
      "parked-100k", "heap per parked task (100k tasks on one future)", "B/task", 100_000, 100_000);

  /** Depth of the {@link #CHAIN} workload. */
  public static final int CHAIN_DEPTH = 100;

  /** Tasks contending in the {@link #LOCK} workload. */
  public static final int LOCK_WORKERS = 4;

  private final String id;
  private final String description;
  private final String unit;
  private final int defaultN;
  private final int pythonN;

  Workload(String id, String description, String unit, int defaultN, int pythonN) {
    this.id = id;
    this.description = description;
    this.unit = unit;
    this.defaultN = defaultN;
    this.pythonN = pythonN;
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public String unit() {
    return unit;
  }

  public int defaultN() {
    return defaultN;
  }

  public int pythonN() {
    return pythonN;
  }

  /** Whether the figure is a memory size rather than a time. */
  public boolean isMemory() {
    return this == PARKED;
  }

  /** The queue bound of a queue workload (0: unbounded). */
  public int queueMaxsize() {
    switch (this) {
      case QUEUE_1:
        return 1;
      case QUEUE_1024:
        return 1024;
      default:
        return 0;
    }
  }

  public boolean isQueue() {
    return this == QUEUE_UNBOUNDED || this == QUEUE_1 || this == QUEUE_1024;
  }

  /** The n actually run: ping-pong needs an even number of switches, lock a multiple of 4. */
  public int normalize(int n) {
    switch (this) {
      case PING_PONG:
        return Math.max(2, n - n % 2);
      case LOCK:
        return Math.max(LOCK_WORKERS, n - n % LOCK_WORKERS);
      default:
        return Math.max(1, n);
    }
  }

  /** The checksum every peer must return for {@code n} operations. */
  public long expected(int n) {
    switch (this) {
      case PING_PONG:
        return 2 * sumMasked(n / 2);
      case QUEUE_UNBOUNDED:
      case QUEUE_1:
      case QUEUE_1024:
        return sumMasked(n);
      case CHAIN:
        return (long) n * CHAIN_DEPTH;
      default:
        return n;
    }
  }

  /** The sum of {@code i & 127} for {@code i} in {@code [0, count)}: the values passed around. */
  static long sumMasked(int count) {
    long full = count / 128;
    long rest = count % 128;
    return full * (127 * 128 / 2) + rest * (rest - 1) / 2;
  }

  /** The workload with this id. */
  public static Workload byId(String id) {
    for (Workload w : values()) {
      if (w.id.equals(id) || w.name().equalsIgnoreCase(id)) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown workload " + id);
  }

  /** The pseudo-random sequence of timer delays (the same in every peer, Python included). */
  public static long nextRandom(long seed) {
    return (seed * 6364136223846793005L + 1442695040888963407L);
  }

  /** A delay between 0 and 1 ms in whole microseconds, in seconds, drawn from {@code seed}. */
  public static double timerDelay(long seed) {
    return ((seed >>> 33) % 1000) * 1e-6;
  }

  /** {@link #timerDelay} in nanoseconds. */
  public static long timerDelayNanos(long seed) {
    return ((seed >>> 33) % 1000) * 1000L;
  }
}
