package org.asyncio4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Runs one workload on one peer in this JVM and prints one result line (what benchmarks/run.sh
 * collects):
 *
 * <pre>
 * java -cp asyncio4j-benchmarks.jar org.asyncio4j.bench.Bench PEER WORKLOAD [--n N] [--reps R]
 *     [--warmup S] [--no-pollute] [--cpu]
 * </pre>
 *
 * <p>Unless {@code --no-pollute} is given, the other workloads of the peer run first on small
 * inputs (see {@link #pollute}). {@code --cpu} measures process CPU time instead of elapsed time
 * (see {@link #now()}).
 *
 * <p>Timed workloads run repeatedly for at least {@code S} seconds (and twice) to warm up, then
 * {@code R} times measured; each measured run gives nanoseconds per operation. The memory workload
 * measures the heap used after full GCs before and while its tasks are parked. The line is
 * tab-separated: {@code RESULT peer workload unit median min max reps n}, or {@code SKIP peer
 * workload reason}.
 */
public final class Bench {
  /** Measure the process's CPU time instead of elapsed time ({@code --cpu}). */
  static boolean cpuTime;

  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: Bench PEER WORKLOAD [--n N] [--reps R] [--warmup SECONDS] [--no-pollute] [--cpu]"
              + "\n  peers: asyncio4j handwritten floor cf vthreads vthreads1\n  workloads: "
              + workloadIds());
      System.exit(2);
    }
    if (args[0].equals("--default-n")) {
      System.out.println(Workload.byId(args[1]).defaultN());
      return;
    }
    Peer peer = Peer.byName(args[0]);
    Workload w = Workload.byId(args[1]);
    int n = w.defaultN();
    int reps = 5;
    double warmup = 1.0;
    boolean pollute = true;
    for (int i = 2; i < args.length; i++) {
      switch (args[i]) {
        case "--n":
          n = Integer.parseInt(args[++i]);
          break;
        case "--reps":
          reps = Integer.parseInt(args[++i]);
          break;
        case "--warmup":
          warmup = Double.parseDouble(args[++i]);
          break;
        case "--no-pollute":
          pollute = false;
          break;
        case "--cpu":
          cpuTime = true;
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    n = w.normalize(n);
    String why = peer.unsupported(w);
    if (why != null) {
      System.out.println(String.join("\t", "SKIP", peer.name(), w.id(), why));
      return;
    }
    if (pollute) {
      pollute(peer, w);
    }
    double[] figures =
        w.isMemory() ? memory(peer, w, n, Math.min(reps, 3)) : time(peer, w, n, reps, warmup);
    // -Dbench.peer=NAME labels a variant (for instance asyncio4j with patched runtime classes
    // ahead on the classpath) so that the report shows it as a peer of its own.
    System.out.println(line(System.getProperty("bench.peer", peer.name()), w, figures, n));
  }

  /**
   * Runs every other workload of the peer a few times on small inputs first, so that the call sites
   * shared by all workloads (the loop's dispatch, a task's {@code resume()} call, future callbacks)
   * see as many types as in a real program, and are compiled as a real program would have them
   * compiled, rather than specialised to the one workload measured. Applied to every peer alike,
   * the floor included.
   */
  static void pollute(Peer peer, Workload measured) throws Exception {
    for (int round = 0; round < 3; round++) {
      for (Workload other : Workload.values()) {
        if (other == measured || other.isMemory() || peer.unsupported(other) != null) {
          continue;
        }
        int n = other.normalize(Math.max(1000, other.defaultN() / 500));
        check(peer, other, n, peer.run(other, n, Bench::noProbe));
      }
    }
  }

  /** Nanoseconds per operation of each measured run. */
  static double[] time(Peer peer, Workload w, int n, int reps, double warmupSeconds)
      throws Exception {
    long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    long fastestRun = Long.MAX_VALUE;
    for (int runs = 0; runs < 2 || System.nanoTime() < warmupEnd; runs++) {
      long t0 = System.nanoTime();
      check(peer, w, n, peer.run(w, n, Bench::noProbe));
      fastestRun = Math.max(1, Math.min(fastestRun, System.nanoTime() - t0));
    }
    // The process CPU clock ticks every 10 ms: with --cpu, each measured figure covers enough
    // runs of the workload to last at least 0.3 s.
    int runsPerRep = cpuTime ? (int) Math.max(1, Math.min(1000, 300_000_000L / fastestRun)) : 1;
    double[] perOp = new double[reps];
    for (int r = 0; r < reps; r++) {
      long start = now();
      for (int k = 0; k < runsPerRep; k++) {
        check(peer, w, n, peer.run(w, n, Bench::noProbe));
      }
      long elapsed = now() - start;
      perOp[r] = (double) elapsed / ((double) n * runsPerRep);
    }
    return perOp;
  }

  /** Bytes per parked task of each measured run (after one unmeasured run). */
  static double[] memory(Peer peer, Workload w, int n, int reps) throws Exception {
    HeapProbe warm = new HeapProbe();
    check(peer, w, n, peer.run(w, n, warm));
    double[] perTask = new double[reps];
    for (int r = 0; r < reps; r++) {
      HeapProbe probe = new HeapProbe();
      check(peer, w, n, peer.run(w, n, probe));
      perTask[r] = (double) probe.delta() / n;
    }
    return perTask;
  }

  private static void noProbe() {}

  /**
   * Elapsed nanoseconds, or with {@code --cpu} the CPU time of the whole process (every thread, the
   * JIT and GC included): on a machine shared with other work, CPU time leaves out the time the
   * process waited for a core, so comparisons stay meaningful. It ticks every 10 ms, so each
   * measured figure then covers several runs (see {@link #time}).
   */
  private static long now() {
    if (cpuTime) {
      return ((com.sun.management.OperatingSystemMXBean)
              ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
    return System.nanoTime();
  }

  static void check(Peer peer, Workload w, int n, long sum) {
    long expected = w.expected(n);
    if (sum != expected) {
      throw new AssertionError(
          peer.name() + " " + w.id() + " n=" + n + ": checksum " + sum + ", expected " + expected);
    }
  }

  /** Records the heap used after GC at its first and second call. */
  static final class HeapProbe implements Runnable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    long before = -1;
    long after = -1;

    @Override
    public void run() {
      long used = usedAfterGc();
      if (before < 0) {
        before = used;
      } else {
        after = used;
      }
    }

    long delta() {
      if (after < 0) {
        throw new IllegalStateException("the workload did not call the probe twice");
      }
      return after - before;
    }

    static long usedAfterGc() {
      long used = Long.MAX_VALUE;
      for (int i = 0; i < 4; i++) {
        System.gc();
        used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
      }
      return used;
    }
  }

  static String line(String peer, Workload w, double[] figures, int n) {
    double[] s = figures.clone();
    Arrays.sort(s);
    double median =
        s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    return String.join(
        "\t",
        "RESULT",
        peer,
        w.id(),
        w.unit(),
        fmt(median),
        fmt(s[0]),
        fmt(s[s.length - 1]),
        Integer.toString(s.length),
        Integer.toString(n));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String workloadIds() {
    StringBuilder sb = new StringBuilder();
    for (Workload w : Workload.values()) {
      sb.append(w.id()).append(' ');
    }
    return sb.toString().trim();
  }
}
