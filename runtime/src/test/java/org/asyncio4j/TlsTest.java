package org.asyncio4j;

import static org.asyncio4j.IoCoros.bytes;
import static org.asyncio4j.IoCoros.str;
import static org.asyncio4j.LoopTesting.realTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS streams on loopback with a self-signed certificate made by the JDK's keytool for
 * 127.0.0.1/localhost: echo, large transfers both ways, close, and a client that does not trust the
 * server.
 */
@Timeout(60)
class TlsTest {
  @TempDir static Path dir;
  static SSLContext serverContext;
  static SSLContext clientContext;

  @BeforeAll
  static void makeCertificate() throws Exception {
    Path ks = dir.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                ks.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "keytool did not finish");
    assertEquals(0, p.exitValue(), out);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, tmf.getTrustManagers(), null);
  }

  private static final class Ctx {
    Server server;
    int port;
    Connection conn;
    final List<Object> log = new ArrayList<>();
  }

  private static Coros.Step tlsServer(Ctx c, ConnectionHandler h) {
    return Coros.await(
        () -> Asyncio.startServer(h, "127.0.0.1", 0, serverContext),
        s -> {
          c.server = s;
          c.port = s.sockets().get(0).getPort();
        });
  }

  @Test
  void echoOverTls() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            tlsServer(c, IoCoros.echo("tls:")),
            Coros.await(
                () -> Asyncio.openConnection("127.0.0.1", c.port, clientContext), x -> c.conn = x),
            Coros.run(
                () -> {
                  c.log.add(c.conn.writer().getExtraInfo("cipher") != null);
                  c.log.add(c.conn.writer().getExtraInfo("peercert") != null);
                  c.log.add(c.conn.writer().canWriteEof());
                  c.conn.writer().write(bytes("secret one\n"));
                  c.conn.writer().write(bytes("secret two\n"));
                }),
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v))),
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v))),
            Coros.await(() -> c.conn.exitAsync(null)),
            Coros.await(() -> c.server.exitAsync(null))),
        realTime());
    assertEquals(List.of(true, true, false, "tls:secret one\n", "tls:secret two\n"), c.log);
  }

  @Test
  void tls12ClosesCleanlyToo() throws Exception {
    SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      store.load(in, "changeit".toCharArray());
    }
    tmf.init(store);
    tls12.init(null, tmf.getTrustManagers(), null);
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            tlsServer(c, IoCoros.echo("12:")),
            Coros.await(() -> Asyncio.openConnection("127.0.0.1", c.port, tls12), x -> c.conn = x),
            Coros.run(
                () ->
                    c.log.add(
                        ((javax.net.ssl.SSLSession) c.conn.writer().getExtraInfo("sslsession"))
                            .getProtocol())),
            Coros.run(() -> c.conn.writer().write(bytes("old protocol\n"))),
            Coros.await(() -> c.conn.reader().readLine(), v -> c.log.add(str(v))),
            Coros.await(() -> c.conn.exitAsync(null)),
            Coros.await(() -> c.server.exitAsync(null))),
        realTime());
    assertEquals(List.of("TLSv1.2", "12:old protocol\n"), c.log);
  }

  @Test
  void largeTransfersBothWaysWithDrain() {
    Ctx c = new Ctx();
    int size = 3 * 1024 * 1024;
    // The server reads everything, then sends back as much, in 50 KB writes with drain().
    ConnectionHandler h =
        (r, w) ->
            Coros.steps(
                Coros.await(() -> r.readExactly(size), b -> c.log.add("server got " + b.length)),
                Coros.await(
                    () -> {
                      int[] sent = {0};
                      return IoCoros.loop(
                          1000,
                          () -> {
                            byte[] b = new byte[Math.min(50_000, size - sent[0])];
                            for (int i = 0; i < b.length; i++) {
                              b[i] = (byte) ((sent[0] + i) % 251);
                            }
                            sent[0] += b.length;
                            w.write(b);
                            return w.drain();
                          },
                          v -> sent[0] < size);
                    }));
    Asyncio.run(
        Coros.steps(
            tlsServer(c, h),
            Coros.await(
                () -> Asyncio.openConnection("127.0.0.1", c.port, clientContext), x -> c.conn = x),
            Coros.run(() -> c.conn.writer().write(new byte[size])),
            Coros.await(() -> c.conn.writer().drain()),
            Coros.await(
                () -> c.conn.reader().read(-1),
                b -> {
                  boolean ok = b.length == size;
                  for (int i = 0; ok && i < b.length; i++) {
                    ok = b[i] == (byte) (i % 251);
                  }
                  c.log.add("client got " + b.length + " intact=" + ok);
                }),
            Coros.await(() -> c.conn.exitAsync(null)),
            Coros.await(() -> c.server.exitAsync(null))),
        realTime());
    assertEquals(List.of("server got " + size, "client got " + size + " intact=true"), c.log);
  }

  @Test
  void anUntrustedServerFailsTheHandshakeAndNoHandlerRuns() throws Exception {
    Ctx c = new Ctx();
    SSLContext trustsNothingHere = SSLContext.getInstance("TLS");
    trustsNothingHere.init(null, null, null); // the JDK's default trust store
    ConnectionHandler h =
        (r, w) -> {
          c.log.add("handler ran");
          return Coroutine.done();
        };
    Throwable[] error = new Throwable[1];
    Asyncio.run(
        Coros.steps(
            tlsServer(c, h),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () ->
                            Coros.after(
                                () ->
                                    Asyncio.openConnection("127.0.0.1", c.port, trustsNothingHere),
                                x -> (Object) x),
                        IOException.class,
                        e -> error[0] = e)),
            Coros.await(() -> Asyncio.sleep(0.1)),
            Coros.await(() -> c.server.exitAsync(null))),
        realTime());
    assertTrue(error[0] instanceof SSLException, String.valueOf(error[0]));
    assertFalse(c.log.contains("handler ran"));
  }

  @Test
  void aPlainClientCannotTalkToATlsServer() {
    Ctx c = new Ctx();
    Asyncio.run(
        Coros.steps(
            tlsServer(c, IoCoros.echo("")),
            Coros.await(() -> Asyncio.openConnection("127.0.0.1", c.port), x -> c.conn = x),
            Coros.run(() -> c.conn.writer().write(bytes("not a TLS record\n"))),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> c.conn.reader().read(-1), b -> "read " + b.length),
                        IOException.class,
                        e -> "error"),
                v -> c.log.add(v)),
            Coros.await(() -> c.conn.exitAsync(null)),
            Coros.await(() -> c.server.exitAsync(null))),
        realTime());
    assertEquals(1, c.log.size());
    assertNotNull(c.log.get(0));
    assertThrows(NullPointerException.class, () -> Asyncio.openConnection("h", 1, null));
  }
}
