package org.asyncio4j.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Each echo server of the benchmark, started as a process the way {@link EchoBench} starts it,
 * echoes a few hundred messages over 2 connections correctly; the load generator catches a wrong
 * echo, and a server that cannot start is reported with its stderr. No timing is asserted.
 */
class EchoSmokeTest {
  private static List<String> javaServer(String server) {
    return EchoServerProcess.javaCommand(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        List.of("-Xmx256m"),
        System.getProperty("java.class.path"),
        server);
  }

  private static void exchange(String name, List<String> command) throws IOException {
    try (EchoServerProcess server = EchoServerProcess.start(name, command)) {
      assertTrue(server.port > 0, name + " port");
      assertEquals(600, new EchoClient(name, server.port, 64).exchange(2, 300), name + " 64 B");
      assertEquals(400, new EchoClient(name, server.port, 1024).exchange(2, 200), name + " 1 KiB");
      // larger than one read (64 KiB): the echo comes back in pieces
      assertEquals(6, new EchoClient(name, server.port, 200_000).exchange(2, 3), name + " 200 kB");
    }
  }

  @Test
  void asyncio4jServerEchoes() throws IOException {
    exchange("asyncio4j", javaServer("asyncio4j"));
  }

  @Test
  void asyncio4jServerWithoutBusyPollingEchoes() throws IOException {
    exchange("asyncio4j-nopoll", javaServer("asyncio4j-nopoll"));
  }

  @Test
  void nioServerEchoes() throws IOException {
    exchange("nio", javaServer("nio"));
  }

  @Test
  void pythonServerEchoes() throws Exception {
    Assumptions.assumeTrue(
        hasPython3(), "python3 not found on PATH: the Python asyncio echo server is not tested");
    Path script = EchoBench.pythonScript();
    assertTrue(Files.isRegularFile(script), "missing " + script);
    exchange("python", List.of("python3", script.toString()));
  }

  @Test
  void wrongEchoIsCaught() throws Exception {
    try (ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = ss.accept()) {
                  InputStream in = s.getInputStream();
                  OutputStream out = s.getOutputStream();
                  byte[] buf = new byte[64];
                  int n;
                  while ((n = in.read(buf)) > 0) {
                    buf[n - 1] ^= 1; // corrupts the last byte of every read
                    out.write(buf, 0, n);
                  }
                } catch (IOException ignored) {
                  // the client gave up
                }
              });
      t.setDaemon(true);
      t.start();
      EchoClient.EchoFailure e =
          assertThrows(
              EchoClient.EchoFailure.class,
              () -> new EchoClient("corrupting", ss.getLocalPort(), 64).exchange(1, 10));
      assertTrue(e.getMessage().contains("echo mismatch from server corrupting"), e.getMessage());
    }
  }

  @Test
  void serverThatCannotStartIsReportedWithItsStderr() {
    IOException e =
        assertThrows(
            IOException.class, () -> EchoServerProcess.start("bogus", javaServer("bogus")));
    assertTrue(e.getMessage().contains("echo server bogus failed to start"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown echo server bogus"), e.getMessage());
  }

  @Test
  void reportMarksTargets() {
    String report =
        EchoReport.render(
            List.of(
                "ECHO\tasyncio4j\t10\t64\t90000.0\t85000.0\t95000.0\t100.0\t200.0\t180000\t9.50",
                "ECHO\tasyncio4j-nopoll\t10\t64\t85000.0\t84000.0\t86000.0\t110.0\t210.0\t170000",
                "ECHO\tnio\t10\t64\t100000.0\t99000.0\t101000.0\t90.0\t150.0\t200000",
                "ECHO\tpython\t10\t64\t70000.0\t69000.0\t71000.0\t140.0\t300.0\t140000",
                "ECHO\tasyncio4j\t1\t64\t9000.0\t5000.0\t9500.0\t100.0\t200.0\t27000"));
    assertTrue(
        report.contains("| 10 | 64 B | 90,000 (85,000-95,000) | 85,000 (84,000-86,000) |"), report);
    assertTrue(report.contains("| 100,000 (99,000-101,000) | 70,000 (69,000-71,000) |"), report);
    assertTrue(
        report.contains("| 9.5 | n/a | n/a | n/a | n/a / n/a / n/a / n/a | 90% | 1.29x | 85% |"),
        report);
    assertTrue(
        report.contains(
            "(info)  10 connections, 64 B: asyncio4j-nopoll is 85% of plain NIO and 1.21x Python"
                + " asyncio (busy polling off, like for like)"),
        report);
    assertTrue(
        report.contains("MET     10 connections, 64 B: asyncio4j is 90% of plain NIO"), report);
    assertTrue(report.contains("MISSED  10 connections, 64 B: asyncio4j is 1.29x Python"), report);
    assertTrue(report.contains("| 1 | 64 B | 9,000 (5,000-9,500) ! | - | - | - |"), report);
    assertTrue(report.contains("| n/a / - / - / - | - | - | - |\n"), report);
  }

  private static boolean hasPython3() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
