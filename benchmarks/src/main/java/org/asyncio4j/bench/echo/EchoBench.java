package org.asyncio4j.bench.echo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The loopback echo-server benchmark: starts each server in a process of its own (asyncio4j's
 * {@code startServer} echo, the same with the loop's busy polling off, a plain {@code java.nio}
 * selector echo, Python asyncio's streams echo),
 * drives it with this JVM's {@link EchoClient} for every (connections, message size) pair, prints
 * one {@code ECHO} line per pair and then the table of {@link EchoReport}:
 *
 * <pre>
 * java -cp asyncio4j-benchmarks.jar org.asyncio4j.bench.echo.EchoBench
 *     [--servers asyncio4j,asyncio4j-nopoll,nio,python]
 *     [--conns 1,10,100] [--sizes 64,1024] [--warmup S] [--server-warmup S] [--windows N]
 *     [--window S] [--python PATH] [--server-jvm-opt OPT]... [--server-cpus LIST] [--out FILE]
 * </pre>
 *
 * <p>All servers are started first; each gets {@code --server-warmup} seconds (default 2) of 10
 * connections with 64-byte messages (JIT warm-up of server and client); then, case by case with the
 * servers in turn (so that a row's figures are measured within seconds of each other), for each
 * pair {@code --warmup} seconds (default 0.5) unmeasured and {@code --windows} (default 3) measured
 * windows of {@code --window} seconds (default 1). Requests/s is the median over the windows
 * (min-max shown); p50 and p99 are over every request of the windows; the server's CPU time per
 * request (user + system, from /proc) is the figure least disturbed by other work on the machine,
 * and the load generator's own CPU time per request shows when the client, not the server, is the
 * bottleneck. The Java servers get this JVM's {@code -X} options and {@code -XX:+AlwaysPreTouch}
 * unless {@code --server-jvm-opt} is given (see {@link #inheritedJvmOptions}); {@code
 * --server-cpus} pins the servers with {@code taskset -c} (run the load generator itself under
 * {@code taskset} on the other CPUs). Exits with status 1, naming the server, its port
 * and its stderr, when a server fails to start or an echo is wrong.
 */
public final class EchoBench {
  private EchoBench() {}

  /** The options of one run. */
  static final class Options {
    List<String> servers = List.of(EchoReport.SERVERS);
    int[] conns = {1, 10, 100};
    int[] sizes = {64, 1024};
    double warmup = 0.5;
    double serverWarmup = 2;
    int windows = 3;
    double window = 1;
    String python = "python3";
    List<String> serverJvmOptions;
    String serverCpus;
    Path out;
  }

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    List<String> lines;
    try {
      lines = runAll(o);
    } catch (IOException e) {
      System.err.println("ECHO BENCHMARK FAILED: " + e.getMessage());
      System.exit(1);
      return;
    }
    if (o.out != null) {
      Files.write(o.out, lines, StandardCharsets.UTF_8);
    } else {
      for (String l : lines) {
        System.out.println(l);
      }
      System.out.println();
    }
    System.out.print(EchoReport.render(lines));
  }

  static Options parse(String[] args) {
    Options o = new Options();
    List<String> jvm = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "option " + a + " needs a value (see EchoBench javadoc)");
      }
      String v = args[++i];
      switch (a) {
        case "--servers":
          o.servers = List.of(v.split(","));
          for (String s : o.servers) {
            if (!List.of(EchoReport.SERVERS).contains(s)) {
              throw new IllegalArgumentException(
                  "unknown echo server " + s + " (" + String.join(", ", EchoReport.SERVERS) + ")");
            }
          }
          break;
        case "--conns":
          o.conns = ints(v);
          break;
        case "--sizes":
          o.sizes = ints(v);
          break;
        case "--warmup":
          o.warmup = Double.parseDouble(v);
          break;
        case "--server-warmup":
          o.serverWarmup = Double.parseDouble(v);
          break;
        case "--windows":
          o.windows = Integer.parseInt(v);
          break;
        case "--window":
          o.window = Double.parseDouble(v);
          break;
        case "--python":
          o.python = v;
          break;
        case "--server-jvm-opt":
          if (jvm == null) {
            jvm = new ArrayList<>();
          }
          jvm.add(v);
          break;
        case "--server-cpus":
          o.serverCpus = v;
          break;
        case "--out":
          o.out = Path.of(v);
          break;
        default:
          throw new IllegalArgumentException("unknown option " + a + " (see EchoBench javadoc)");
      }
    }
    if (o.windows < 1) {
      throw new IllegalArgumentException("--windows must be at least 1");
    }
    o.serverJvmOptions = jvm != null ? jvm : inheritedJvmOptions();
    return o;
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  /**
   * This JVM's heap and GC options, for the Java servers, and {@code -XX:+AlwaysPreTouch}: the
   * heap's pages are touched when the server starts, not when its young generation first grows
   * into them during a measured window. Without it, the asyncio4j servers (which allocate about
   * 1.3 KB per request at 1 KiB messages: the bytes read are returned as a new array) spent up
   * to a third of their CPU in the kernel's page-fault zeroing in some runs (perf:
   * {@code clear_page_erms} under the JIT's array stubs), 85-96k instead of 140-170k requests/s at
   * 10 connections; the NIO server allocates nothing per request and never paid it.
   */
  static List<String> inheritedJvmOptions() {
    List<String> opts = new ArrayList<>();
    opts.add("-XX:+AlwaysPreTouch");
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-Xm") || a.startsWith("-XX:+Use")) {
        opts.add(a);
      }
    }
    return opts;
  }

  /** This process's CPU time (every thread), in nanoseconds; -1 if the JVM cannot tell. */
  static long clientCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime()
        : -1;
  }

  /** The command that starts {@code server}, pinned with taskset to {@code --server-cpus}. */
  static List<String> command(String server, Options o) {
    List<String> cmd = new ArrayList<>();
    if (o.serverCpus != null) {
      cmd.addAll(List.of("taskset", "-c", o.serverCpus));
    }
    cmd.addAll(unpinnedCommand(server, o));
    return cmd;
  }

  private static List<String> unpinnedCommand(String server, Options o) {
    if (server.equals("python")) {
      return List.of(o.python, pythonScript().toString());
    }
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return EchoServerProcess.javaCommand(
        java, o.serverJvmOptions, System.getProperty("java.class.path"), server);
  }

  /** benchmarks/python/echo_server.py, found from the working directory or the jar's place. */
  static Path pythonScript() {
    String prop = System.getProperty("echo.python.script");
    if (prop != null) {
      return Path.of(prop);
    }
    for (Path p :
        List.of(
            Path.of("benchmarks/python/echo_server.py"),
            Path.of("python/echo_server.py"),
            Path.of("../python/echo_server.py"))) {
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath();
      }
    }
    try {
      Path jar =
          Path.of(EchoBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // benchmarks/target/asyncio4j-benchmarks.jar or benchmarks/target/classes
      return jar.getParent().getParent().resolve("python/echo_server.py");
    } catch (Exception e) {
      return Path.of("benchmarks/python/echo_server.py");
    }
  }

  /**
   * Starts every server (each idle while another is measured), warms each up, then measures the
   * cases one after the other with the servers in turn, so that the figures compared in a row are
   * measured within seconds of each other. The lines come out grouped by server.
   */
  static List<String> runAll(Options o) throws IOException {
    List<EchoServerProcess> started = new ArrayList<>();
    try {
      for (String server : o.servers) {
        System.err.printf("echo server %s: starting%n", server);
        started.add(EchoServerProcess.start(server, command(server, o)));
      }
      for (EchoServerProcess p : started) {
        guarded(
            p, () -> new EchoClient(p.name, p.port, 64).measure(10, seconds(o.serverWarmup), 1, 1));
      }
      List<List<String>> byServer = new ArrayList<>();
      for (int i = 0; i < started.size(); i++) {
        byServer.add(new ArrayList<>());
      }
      for (int c : o.conns) {
        for (int size : o.sizes) {
          for (int i = 0; i < started.size(); i++) {
            EchoServerProcess p = started.get(i);
            byServer.get(i).add(guarded(p, () -> measure(p, c, size, o)));
          }
        }
      }
      List<String> lines = new ArrayList<>();
      byServer.forEach(lines::addAll);
      return lines;
    } finally {
      for (EchoServerProcess p : started) {
        p.close();
      }
    }
  }

  /** An I/O step against one server; its failure names the server, its port and its stderr. */
  interface Step<T> {
    T run() throws IOException;
  }

  private static <T> T guarded(EchoServerProcess p, Step<T> step) throws IOException {
    try {
      return step.run();
    } catch (IOException e) {
      throw new IOException(e.getMessage() + "\n  " + p.diagnosis(), e);
    }
  }

  private static long seconds(double s) {
    return (long) (s * 1e9);
  }

  /** One case against one server: the ECHO line. */
  static String measure(EchoServerProcess p, int c, int size, Options o) throws IOException {
    long[] cpu = new long[4];
    EchoClient client =
        new EchoClient(p.name, p.port, size)
            .onMeasure(
                () -> {
                  cpu[0] = p.cpuNanos();
                  cpu[2] = clientCpuNanos();
                },
                () -> {
                  cpu[1] = p.cpuNanos();
                  cpu[3] = clientCpuNanos();
                });
    EchoClient.Result r = client.measure(c, seconds(o.warmup), o.windows, seconds(o.window));
    double cpuPerRequest =
        cpu[0] < 0 || cpu[1] < 0 || r.requests == 0
            ? Double.NaN
            : (cpu[1] - cpu[0]) / 1000.0 / r.requests;
    double clientCpuPerRequest =
        cpu[2] < 0 || cpu[3] < 0 || r.requests == 0
            ? Double.NaN
            : (cpu[3] - cpu[2]) / 1000.0 / r.requests;
    String line = line(p.name, c, size, r, cpuPerRequest, clientCpuPerRequest);
    System.err.println("  " + line.replace('\t', ' ') + " windows " + Arrays.toString(r.windowRps));
    return line;
  }

  /**
   * {@code ECHO server connections size rps-median rps-min rps-max p50-us p99-us requests
   * server-cpu-us-per-request client-cpu-us-per-request}.
   */
  static String line(
      String server, int conns, int size, EchoClient.Result r, double cpu, double clientCpu) {
    double[] w = r.windowRps.clone();
    Arrays.sort(w);
    double median =
        w.length % 2 == 1 ? w[w.length / 2] : (w[w.length / 2 - 1] + w[w.length / 2]) / 2;
    return String.join(
        "\t",
        "ECHO",
        server,
        Integer.toString(conns),
        Integer.toString(size),
        fmt(median),
        fmt(w[0]),
        fmt(w[w.length - 1]),
        fmt(r.latencyMicros(0.50)),
        fmt(r.latencyMicros(0.99)),
        Long.toString(r.requests),
        String.format(Locale.ROOT, "%.2f", cpu),
        String.format(Locale.ROOT, "%.2f", clientCpu));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
