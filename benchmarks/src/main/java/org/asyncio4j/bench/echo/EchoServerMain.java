package org.asyncio4j.bench.echo;

import org.asyncio4j.Asyncio;
import org.asyncio4j.RunOptions;

/**
 * Runs one Java echo server of the benchmark in this process, the way {@link EchoBench} starts it:
 *
 * <pre>
 * java -cp asyncio4j-benchmarks.jar org.asyncio4j.bench.echo.EchoServerMain asyncio4j|asyncio4j-nopoll|nio [PORT]
 * </pre>
 *
 * <p>{@code asyncio4j-nopoll} is the asyncio4j server with busy polling off ({@code
 * RunOptions.busyPoll(0)}): its loop blocks in the selector as soon as it has nothing to run, as
 * the plain NIO server and Python's loop do.
 *
 * <p>Listens on 127.0.0.1 (port 0 or absent: an ephemeral port), prints {@code LISTENING <port>} on
 * standard output once it accepts connections, and exits when its standard input closes (so a
 * server never outlives the load generator that started it).
 */
public final class EchoServerMain {
  private EchoServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: EchoServerMain asyncio4j|asyncio4j-nopoll|nio [PORT]");
      System.exit(2);
    }
    int port = args.length == 2 ? Integer.parseInt(args[1]) : 0;
    exitWhenStdinCloses();
    switch (args[0]) {
      case "asyncio4j":
        Asyncio.run(Asyncio4jEchoServerAsync.serve(port, EchoServerMain::listening));
        break;
      case "asyncio4j-nopoll":
        Asyncio.run(
            Asyncio4jEchoServerAsync.serve(port, EchoServerMain::listening),
            RunOptions.create().busyPoll(0));
        break;
      case "nio":
        NioEchoServer.serve(port, EchoServerMain::listening);
        break;
      default:
        System.err.println("unknown echo server " + args[0] + " (asyncio4j, asyncio4j-nopoll or nio)");
        System.exit(2);
    }
  }

  private static void listening(int port) {
    System.out.println("LISTENING " + port);
    System.out.flush();
  }

  private static void exitWhenStdinCloses() {
    Thread t =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // discard
                }
              } catch (java.io.IOException ignored) {
                // closed
              }
              Runtime.getRuntime().halt(0);
            },
            "stdin-watch");
    t.setDaemon(true);
    t.start();
  }
}
