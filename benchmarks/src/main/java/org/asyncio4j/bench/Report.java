package org.asyncio4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the comparison table from the result lines collected by benchmarks/run.sh (the output of
 * {@link Bench} and of benchmarks/python/bench.py): absolute figures (median, min-max), ratios of
 * each peer to asyncio4j, and the targets of the performance issue.
 *
 * <pre>java -cp asyncio4j-benchmarks.jar org.asyncio4j.bench.Report RESULTS_FILE</pre>
 */
public final class Report {
  /** Runs whose max/min exceeds this are flagged noisy. */
  static final double NOISY = 1.5;

  static final String[] PEERS = {"asyncio4j", "floor", "cf", "vthreads", "vthreads1", "python"};

  /** Peers given a column only when the results have them (older result files do not). */
  private static final List<String> OPTIONAL = List.of("vthreads1");

  private Report() {}

  /** One figure: median, min and max over the runs. */
  static final class Figure {
    final String unit;
    final double median;
    final double min;
    final double max;
    final int reps;
    final int n;

    Figure(String unit, double median, double min, double max, int reps, int n) {
      this.unit = unit;
      this.median = median;
      this.min = min;
      this.max = max;
      this.reps = reps;
      this.n = n;
    }

    boolean noisy() {
      return reps > 1 && min > 0 && max / min > NOISY;
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Report RESULTS_FILE");
      System.exit(2);
    }
    System.out.print(render(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)));
  }

  /** The report of the given result lines. */
  static String render(List<String> lines) {
    Map<String, Map<String, Figure>> results = new LinkedHashMap<>();
    Map<String, Map<String, String>> missing = new LinkedHashMap<>();
    for (String line : lines) {
      String[] f = line.split("\t");
      if (f.length >= 9 && f[0].equals("RESULT")) {
        results
            .computeIfAbsent(f[2], k -> new LinkedHashMap<>())
            .put(
                f[1],
                new Figure(
                    f[3],
                    Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]),
                    Integer.parseInt(f[7]),
                    Integer.parseInt(f[8])));
      } else if (f.length >= 4 && (f[0].equals("SKIP") || f[0].equals("FAIL"))) {
        missing.computeIfAbsent(f[2], k -> new LinkedHashMap<>()).put(f[1], f[0] + ": " + f[3]);
      }
    }
    // Known peers in their usual order; variants (Bench -Dbench.peer=...) right after asyncio4j.
    List<String> peers = new ArrayList<>(List.of(PEERS));
    peers.removeIf(
        p ->
            OPTIONAL.contains(p)
                && results.values().stream().noneMatch(r -> r.containsKey(p))
                && missing.values().stream().noneMatch(r -> r.containsKey(p)));
    int at = 1;
    for (Map<String, Figure> row : results.values()) {
      for (String p : row.keySet()) {
        if (!peers.contains(p)) {
          peers.add(at++, p);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    List<String> noisy = new ArrayList<>();

    out.append("Absolute figures: median (min-max) over the measured runs; '!' = noisy (max/min > ")
        .append(NOISY)
        .append(")\n\n");
    out.append("| workload | unit |");
    for (String p : peers) {
      out.append(' ').append(p).append(" |");
    }
    out.append("\n|---|---|");
    for (int i = 0; i < peers.size(); i++) {
      out.append("---:|");
    }
    out.append('\n');
    for (Workload w : Workload.values()) {
      Map<String, Figure> row = results.getOrDefault(w.id(), Map.of());
      if (row.isEmpty() && !missing.containsKey(w.id())) {
        continue;
      }
      out.append("| ").append(w.id()).append(" | ").append(w.unit()).append(" |");
      for (String p : peers) {
        Figure fig = row.get(p);
        if (fig == null) {
          out.append(missing.getOrDefault(w.id(), Map.of()).containsKey(p) ? " n/a |" : " - |");
          continue;
        }
        out.append(' ')
            .append(num(fig.median))
            .append(" (")
            .append(num(fig.min))
            .append('-')
            .append(num(fig.max))
            .append(')');
        if (fig.noisy()) {
          out.append(" !");
          noisy.add(w.id() + "/" + p);
        }
        out.append(" |");
      }
      out.append('\n');
    }

    out.append(
        "\nRatios: peer median / asyncio4j median (above 1: asyncio4j is faster or smaller)\n\n");
    out.append("| workload |");
    for (int i = 1; i < peers.size(); i++) {
      out.append(' ').append(peers.get(i)).append(" |");
    }
    out.append("\n|---|");
    for (int i = 1; i < peers.size(); i++) {
      out.append("---:|");
    }
    out.append('\n');
    for (Workload w : Workload.values()) {
      Map<String, Figure> row = results.getOrDefault(w.id(), Map.of());
      Figure base = row.get("asyncio4j");
      if (base == null) {
        continue;
      }
      out.append("| ").append(w.id()).append(" |");
      for (int i = 1; i < peers.size(); i++) {
        Figure fig = row.get(peers.get(i));
        out.append(fig == null ? " - |" : " " + ratio(fig.median, base.median) + " |");
      }
      out.append('\n');
    }

    out.append("\nTargets (issue #7)\n\n");
    for (String t : targets(results)) {
      out.append("- ").append(t).append('\n');
    }
    if (!missing.isEmpty()) {
      out.append("\nNot run\n\n");
      for (Map.Entry<String, Map<String, String>> e : missing.entrySet()) {
        for (Map.Entry<String, String> p : e.getValue().entrySet()) {
          out.append("- ")
              .append(e.getKey())
              .append(" / ")
              .append(p.getKey())
              .append(": ")
              .append(p.getValue())
              .append('\n');
        }
      }
    }
    out.append('\n')
        .append(
            noisy.isEmpty()
                ? "No noisy figure."
                : "Noisy (max/min > " + NOISY + "): " + String.join(", ", noisy))
        .append('\n');
    return out.toString();
  }

  private static List<String> targets(Map<String, Map<String, Figure>> results) {
    List<String> t = new ArrayList<>();
    for (String w : new String[] {"yield", "ping-pong"}) {
      Figure a = get(results, w, "asyncio4j");
      if (a == null) {
        continue;
      }
      Figure floor = get(results, w, "floor");
      if (floor != null) {
        t.add(
            verdict(a.median <= 2 * floor.median)
                + w
                + ": asyncio4j "
                + num(a.median)
                + " ns is "
                + ratio(a.median, floor.median)
                + " the hand-written floor (target: within 2x)");
      }
      peerRatio(t, results, w, a, "python", "Python asyncio", 100, "target: at least 100x");
      peerRatio(t, results, w, a, "vthreads", "virtual threads", 10, "target: at least 10x");
      // Stricter than the target, which its own figures set against the default scheduler
      // (the line above): reported beside it, judged by the same bar.
      peerRatio(
          t,
          results,
          w,
          a,
          "vthreads1",
          "virtual threads on one carrier",
          10,
          "stricter than the target, which is against the default scheduler: 10x");
    }
    Figure task = get(results, "task", "asyncio4j");
    if (task != null) {
      t.add(
          verdict(task.median < 150)
              + "task create+run+complete: "
              + num(task.median)
              + " ns (target: under 150 ns)");
    }
    Figure parked = get(results, "parked-100k", "asyncio4j");
    if (parked != null) {
      t.add(
          verdict(parked.median < 150)
              + "parked task: "
              + num(parked.median)
              + " B (target: under 150 B)");
    }
    for (String w : new String[] {"queue-unbounded", "queue-max1024", "queue-max1"}) {
      Figure q = get(results, w, "asyncio4j");
      if (q != null) {
        t.add(verdict(q.median < 40) + w + ": " + num(q.median) + " ns/item (target: under 40 ns)");
      }
    }
    t.add(
        "await of a done awaitable allocates nothing: see the JMH run with -prof gc"
            + " (AwaitBenchmark.awaitDoneFuture, gc.alloc.rate.norm)");
    return t;
  }

  private static Figure get(Map<String, Map<String, Figure>> r, String w, String peer) {
    return r.getOrDefault(w, Map.of()).get(peer);
  }

  /**
   * The verdict on {@code peer} taking at least {@code times} as long as asyncio4j ({@code a}) on
   * {@code w}, when the peer ran it: {@code "MET     yield: Python asyncio / asyncio4j = 200x
   * (target: at least 100x)"}.
   */
  private static void peerRatio(
      List<String> t,
      Map<String, Map<String, Figure>> results,
      String w,
      Figure a,
      String peer,
      String label,
      int times,
      String target) {
    Figure f = get(results, w, peer);
    if (f != null) {
      t.add(
          verdict(f.median >= times * a.median)
              + w
              + ": "
              + label
              + " / asyncio4j = "
              + ratio(f.median, a.median)
              + " ("
              + target
              + ")");
    }
  }

  private static String verdict(boolean met) {
    return met ? "MET     " : "MISSED  ";
  }

  static String ratio(double peer, double base) {
    if (base <= 0) {
      return "-";
    }
    double r = peer / base;
    return (r >= 100
            ? String.format(Locale.ROOT, "%.0f", r)
            : r >= 10
                ? String.format(Locale.ROOT, "%.1f", r)
                : String.format(Locale.ROOT, "%.2f", r))
        + "x";
  }

  static String num(double v) {
    if (v >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
