package org.asyncio4j.bench.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An echo server of the benchmark running in a process of its own, started from a command that
 * prints {@code LISTENING <port>} when ready ({@link EchoServerMain}, echo_server.py). Closing it
 * closes the server's standard input, which makes it exit, then kills it if it has not.
 */
final class EchoServerProcess implements AutoCloseable {
  /** How long a server may take to print its port (a JVM on a busy machine included). */
  static final long START_TIMEOUT_SECONDS = 30;

  final String name;
  final int port;
  private final Process process;
  private final Path stderr;
  private final List<String> command;

  private EchoServerProcess(
      String name, int port, Process process, Path stderr, List<String> command) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.stderr = stderr;
    this.command = command;
  }

  /** The command of a Java server ({@code asyncio4j} or {@code nio}) on this class path. */
  static List<String> javaCommand(
      String java, List<String> jvmOptions, String classPath, String server) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(EchoServerMain.class.getName());
    cmd.add(server);
    cmd.add("0");
    return cmd;
  }

  /** Starts {@code command} and waits until it prints its port; fails with its stderr if not. */
  static EchoServerProcess start(String name, List<String> command) throws IOException {
    Path stderr = Files.createTempFile("echo-server-" + name + "-", ".stderr");
    Process p;
    try {
      p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    } catch (IOException e) {
      throw new IOException(
          "echo server " + name + " could not be started (" + e.getMessage() + "): " + command, e);
    }
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (!port.isDone() && line.startsWith("LISTENING ")) {
                    port.complete(Integer.parseInt(line.substring(10).trim()));
                  }
                }
              } catch (IOException | RuntimeException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(new IOException("its output ended"));
            },
            "echo-server-" + name + "-stdout");
    reader.setDaemon(true);
    reader.start();
    EchoServerProcess server;
    try {
      int listening = port.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      server = new EchoServerProcess(name, listening, p, stderr, command);
    } catch (TimeoutException | ExecutionException | InterruptedException e) {
      String why =
          e instanceof TimeoutException
              ? "it did not print LISTENING <port> within " + START_TIMEOUT_SECONDS + " s"
              : (p.isAlive() ? "" : "it exited with status " + exitValue(p) + "; ")
                  + String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
      p.destroyForcibly();
      throw new IOException(
          "echo server "
              + name
              + " failed to start on 127.0.0.1 (ephemeral port requested): "
              + why
              + "\n  command: "
              + String.join(" ", command)
              + "\n  its stderr:\n"
              + tail(stderr));
    }
    return server;
  }

  /** Why the server may have failed: whether it is alive, and the end of its stderr. */
  String diagnosis() {
    return "echo server "
        + name
        + " (127.0.0.1:"
        + port
        + ") "
        + (process.isAlive() ? "is still running" : "exited with status " + exitValue(process))
        + "; command: "
        + String.join(" ", command)
        + "\n  its stderr:\n"
        + tail(stderr);
  }

  /**
   * The CPU time (user + system) the server process has used so far, in nanoseconds, from
   * /proc/PID/stat (clock ticks of 10 ms); -1 where /proc is not available.
   */
  long cpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after the command: state ppid ... utime (14th field of the line) stime (15th)
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
    try {
      Files.deleteIfExists(stderr);
    } catch (IOException ignored) {
      // a temp file
    }
  }

  private static String exitValue(Process p) {
    try {
      return Integer.toString(p.waitFor(1, TimeUnit.SECONDS) ? p.exitValue() : -1);
    } catch (InterruptedException e) {
      return "?";
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        return "    (empty)";
      }
      StringBuilder sb = new StringBuilder();
      for (String l : lines.subList(Math.max(0, lines.size() - 20), lines.size())) {
        sb.append("    ").append(l).append('\n');
      }
      return sb.toString();
    } catch (IOException e) {
      return "    (unreadable: " + e + ")";
    }
  }
}
