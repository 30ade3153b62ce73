package org.asyncio4j.bench.echo;

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
 * The echo table from the {@code ECHO} lines of {@link EchoBench}: requests/s and latency of each
 * server for each (connections, message size), the ratios of asyncio4j to the plain NIO server and
 * to Python asyncio, and the targets of issue #7 (at least 80% of NIO, at least 1.5x Python) marked
 * met or missed. {@code asyncio4j-nopoll}, the asyncio4j server with busy polling off, is compared
 * with NIO too: like for like (both block as soon as they have nothing to do), it shows what the
 * loop's code costs apart from its waiting policy.
 *
 * <pre>java -cp asyncio4j-benchmarks.jar org.asyncio4j.bench.echo.EchoReport RESULTS_FILE</pre>
 */
public final class EchoReport {
  /** asyncio4j's throughput must be at least this fraction of the plain NIO server's. */
  static final double NIO_TARGET = 0.80;

  /** asyncio4j's throughput must be at least this multiple of Python asyncio's. */
  static final double PYTHON_TARGET = 1.5;

  static final String[] SERVERS = {"asyncio4j", "asyncio4j-nopoll", "nio", "python"};

  /** The asyncio4j server with busy polling off ({@code RunOptions.busyPoll(0)}). */
  static final String NOPOLL = "asyncio4j-nopoll";

  /** A rate whose max/min over the windows exceeds this is flagged noisy (as in the workloads). */
  static final double NOISY = 1.5;

  private EchoReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: EchoReport RESULTS_FILE");
      System.exit(2);
    }
    System.out.print(render(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)));
  }

  /** One server's figures for one case. */
  static final class Cell {
    final double rps;
    final double min;
    final double max;
    final double p50;
    final double p99;
    final double cpu;
    final double clientCpu;

    Cell(String[] f) {
      cpu = f.length > 10 ? Double.parseDouble(f[10]) : Double.NaN;
      clientCpu = f.length > 11 ? Double.parseDouble(f[11]) : Double.NaN;
      rps = Double.parseDouble(f[4]);
      min = Double.parseDouble(f[5]);
      max = Double.parseDouble(f[6]);
      p50 = Double.parseDouble(f[7]);
      p99 = Double.parseDouble(f[8]);
    }

    boolean noisy() {
      return min > 0 && max / min > NOISY;
    }
  }

  /** The report of the given lines (lines other than {@code ECHO} ones are ignored). */
  static String render(List<String> lines) {
    Map<String, Map<String, Cell>> cases = new LinkedHashMap<>();
    for (String line : lines) {
      String[] f = line.split("\t");
      if (f.length >= 10 && f[0].equals("ECHO")) {
        cases
            .computeIfAbsent(f[2] + "\t" + f[3], k -> new LinkedHashMap<>())
            .put(f[1], new Cell(f));
      }
    }
    StringBuilder out = new StringBuilder();
    if (cases.isEmpty()) {
      return "no echo results\n";
    }
    out.append("Echo server over loopback: requests/s, median (min-max) over the measured windows")
        .append(" ('!' = noisy: max/min > ")
        .append(NOISY)
        .append(");")
        .append(
            " latency p50 / p99;\n"
                + "the server process's CPU time (user + system) per request, and the load"
                + " generator's with each\n"
                + "server (" + String.join(" / ", SERVERS) + "), in microseconds;\n"
                + NOPOLL + " is asyncio4j with busy polling off (RunOptions.busyPoll(0))\n\n");
    out.append("| connections | message |");
    for (String s : SERVERS) {
      out.append(' ').append(s).append(" req/s |");
    }
    for (String s : SERVERS) {
      out.append(' ').append(s).append(" p50 / p99 |");
    }
    for (String s : SERVERS) {
      out.append(' ').append(s).append(" CPU/req |");
    }
    out.append(" client CPU/req |");
    out.append(" asyncio4j / nio | asyncio4j / python | ")
        .append(NOPOLL)
        .append(" / nio |\n|---:|---:|");
    for (int i = 0; i < 3 * SERVERS.length + 4; i++) {
      out.append("---:|");
    }
    out.append('\n');
    List<String> targets = new ArrayList<>();
    int nioMet = 0;
    int nioCases = 0;
    int pyMet = 0;
    int pyCases = 0;
    for (Map.Entry<String, Map<String, Cell>> e : cases.entrySet()) {
      String[] key = e.getKey().split("\t");
      Map<String, Cell> row = e.getValue();
      out.append("| ").append(key[0]).append(" | ").append(key[1]).append(" B |");
      for (String s : SERVERS) {
        Cell c = row.get(s);
        out.append(
            c == null
                ? " - |"
                : " "
                    + num(c.rps)
                    + " ("
                    + num(c.min)
                    + "-"
                    + num(c.max)
                    + ")"
                    + (c.noisy() ? " !" : "")
                    + " |");
      }
      for (String s : SERVERS) {
        Cell c = row.get(s);
        out.append(c == null ? " - |" : " " + num(c.p50) + " / " + num(c.p99) + " |");
      }
      for (String s : SERVERS) {
        Cell c = row.get(s);
        out.append(c == null ? " - |" : " " + num(c.cpu) + " |");
      }
      StringBuilder client = new StringBuilder();
      for (String s : SERVERS) {
        Cell c = row.get(s);
        client.append(client.length() > 0 ? " / " : "").append(c == null ? "-" : num(c.clientCpu));
      }
      out.append(' ').append(client).append(" |");
      Cell a = row.get("asyncio4j");
      Cell nio = row.get("nio");
      Cell py = row.get("python");
      out.append(a != null && nio != null ? " " + pct(a.rps / nio.rps) + " |" : " - |");
      out.append(a != null && py != null ? " " + ratio(a.rps / py.rps) + " |" : " - |");
      Cell np = row.get(NOPOLL);
      out.append(np != null && nio != null ? " " + pct(np.rps / nio.rps) + " |" : " - |");
      out.append('\n');
      String what =
          key[0] + (key[0].equals("1") ? " connection, " : " connections, ") + key[1] + " B";
      if (a != null && nio != null) {
        boolean met = a.rps >= NIO_TARGET * nio.rps;
        nioCases++;
        nioMet += met ? 1 : 0;
        targets.add(
            (met ? "MET     " : "MISSED  ")
                + what
                + ": asyncio4j is "
                + pct(a.rps / nio.rps)
                + " of plain NIO (target at least "
                + pct(NIO_TARGET)
                + ")");
      }
      if (np != null && nio != null) {
        targets.add(
            "(info)  "
                + what
                + ": "
                + NOPOLL
                + " is "
                + pct(np.rps / nio.rps)
                + " of plain NIO and "
                + (py != null
                    ? ratio(np.rps / py.rps) + " Python asyncio"
                    : "not compared with Python")
                + " (busy polling off, like for like)");
      }
      if (a != null && py != null) {
        boolean met = a.rps >= PYTHON_TARGET * py.rps;
        pyCases++;
        pyMet += met ? 1 : 0;
        targets.add(
            (met ? "MET     " : "MISSED  ")
                + what
                + ": asyncio4j is "
                + ratio(a.rps / py.rps)
                + " Python asyncio (target at least "
                + ratio(PYTHON_TARGET)
                + ")");
      }
    }
    out.append(
            "\nTargets (issue #7): echo server at least 80% of the plain NIO server and at least")
        .append(" 1.5x Python asyncio\n\n");
    for (String t : targets) {
      out.append("- ").append(t).append('\n');
    }
    if (nioCases > 0) {
      out.append("- at least 80% of NIO: met in ")
          .append(nioMet)
          .append(" of ")
          .append(nioCases)
          .append(" cases\n");
    }
    if (pyCases > 0) {
      out.append("- at least 1.5x Python: met in ")
          .append(pyMet)
          .append(" of ")
          .append(pyCases)
          .append(" cases\n");
    }
    return out.toString();
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (v >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.0f%%", v * 100);
  }

  static String ratio(double v) {
    return String.format(Locale.ROOT, "%.2fx", v);
  }
}
