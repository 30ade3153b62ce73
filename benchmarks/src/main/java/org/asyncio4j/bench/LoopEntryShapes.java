package org.asyncio4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;

/**
 * The await-done loop ({@code for (i < n) sum += Await.of(done.get(i & 63))}) as five state
 * machines that differ only in how they enter and leave the loop, to measure what each shape costs
 * (docs/performance.md, "Generated and hand-written code"):
 *
 * <ul>
 *   <li>{@code H}: the hand-written shape: the state before the loop ends with {@code label = 1;
 *       continue;} (back to the switch), the loop exits with {@code complete(...)} in place;
 *   <li>{@code X}: H, but the loop exits through a state of its own ({@code label = 4; continue;});
 *   <li>{@code F}: H, but the state before the loop falls through into the loop's head state;
 *   <li>{@code G}: the processor's shape: F and X, and the loop update in a state of its own;
 *   <li>{@code P}: G, but the state before the loop ends with {@code label = 1; continue;}.
 * </ul>
 *
 * <pre>
 * java -cp asyncio4j-benchmarks.jar org.asyncio4j.bench.LoopEntryShapes H|X|F|G|P [short]
 * </pre>
 *
 * <p>Prints nanoseconds per await of 5 measured runs: by default each run is one coroutine looping
 * 10M times (compiled on stack replacement); with {@code short}, 1000 coroutines of 10k iterations
 * each on one loop (normally compiled).
 */
public final class LoopEntryShapes {
  private LoopEntryShapes() {}

  /** The 64 done futures every variant awaits in turn. */
  static List<Future<Integer>> doneFutures() {
    List<Future<Integer>> done = new ArrayList<>();
    for (int k = 0; k < 64; k++) {
      Future<Integer> f = Asyncio.getRunningLoop().createFuture();
      f.setResult(1);
      done.add(f);
    }
    return done;
  }

  /** H: the hand-written shape. */
  static final class H extends Coroutine<Long> {
    final int n;
    List<Future<Integer>> done;
    long sum;
    int i;

    H(int n) {
      this.n = n;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            done = doneFutures();
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

  /** X: H with the exit through a state of its own. */
  static final class X extends Coroutine<Long> {
    final int n;
    List<Future<Integer>> done;
    long sum;
    int i;

    X(int n) {
      this.n = n;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            done = doneFutures();
            sum = 0;
            i = 0;
            label = 1;
            continue;
          case 1:
            if (!(i < n)) {
              label = 4;
              continue;
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
          case 4:
            complete(sum);
            return;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }
  }

  /** F: H with the state before the loop falling through into the loop's head state. */
  static final class F extends Coroutine<Long> {
    final int n;
    List<Future<Integer>> done;
    long sum;
    int i;

    F(int n) {
      this.n = n;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            done = doneFutures();
            sum = 0;
            i = 0;
          // fall through
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

  /** G: the processor's shape. */
  static final class G extends Coroutine<Long> {
    final int n;
    List<Future<Integer>> done;
    long sum;
    int i;

    G(int n) {
      this.n = n;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            done = doneFutures();
            sum = 0;
            i = 0;
          // fall through
          case 1:
            if (!(i < n)) {
              label = 4;
              continue;
            }
            if (!await(done.get(i & 63), 2)) {
              return;
            }
          // fall through
          case 2:
            sum += awaitResult(false ? done.get(i & 63) : null);
          // fall through
          case 3:
            i++;
            label = 1;
            continue;
          case 4:
            complete(sum);
            return;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }
  }

  /**
   * P: the processor's shape with the proposed fix: no edge from the state before the loop into the
   * loop's head state (a jump back to the switch instead; a runtime branch around a fall-through
   * would keep the edge, and the cost).
   */
  static final class P extends Coroutine<Long> {
    final int n;
    List<Future<Integer>> done;
    long sum;
    int i;

    P(int n) {
      this.n = n;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            done = doneFutures();
            sum = 0;
            i = 0;
            label = 1;
            continue;
          case 1:
            if (!(i < n)) {
              label = 4;
              continue;
            }
            if (!await(done.get(i & 63), 2)) {
              return;
            }
          // fall through
          case 2:
            sum += awaitResult(false ? done.get(i & 63) : null);
          // fall through
          case 3:
            i++;
            label = 1;
            continue;
          case 4:
            complete(sum);
            return;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }
  }

  static Coroutine<Long> make(String variant, int n) {
    switch (variant) {
      case "H":
        return new H(n);
      case "X":
        return new X(n);
      case "F":
        return new F(n);
      case "G":
        return new G(n);
      case "P":
        return new P(n);
      default:
        throw new IllegalArgumentException("variant " + variant + ": H, X, F, G or P");
    }
  }

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: LoopEntryShapes H|X|F|G|P [short]");
      System.exit(2);
    }
    String v = args[0];
    boolean shortRuns = args.length == 2 && args[1].equals("short");
    int n = shortRuns ? 10_000 : 10_000_000;
    int perRun = shortRuns ? 1000 : 1;
    StringBuilder out = new StringBuilder(v + (shortRuns ? " short runs" : ""));
    try (EventLoopHolder h = new EventLoopHolder()) {
      for (int w = 0; w < (shortRuns ? 3000 : 8); w++) {
        check(h.loop.runUntilComplete(make(v, n)), n);
      }
      for (int r = 0; r < 5; r++) {
        long t0 = System.nanoTime();
        for (int k = 0; k < perRun; k++) {
          check(h.loop.runUntilComplete(make(v, n)), n);
        }
        out.append(String.format(" %.2f", (System.nanoTime() - t0) / ((double) perRun * n)));
      }
    }
    System.out.println(out);
  }

  private static void check(long sum, int n) {
    if (sum != n) {
      throw new AssertionError("sum " + sum + ", expected " + n);
    }
  }

  /** One event loop for all the runs, closed at the end. */
  private static final class EventLoopHolder implements AutoCloseable {
    final EventLoop loop = EventLoop.create();

    @Override
    public void close() {
      loop.close();
    }
  }
}
