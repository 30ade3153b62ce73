package org.asyncio4j.bench.echo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The load generator of the echo benchmark, the same for every server: one thread, one selector,
 * {@code connections} connections to 127.0.0.1:{@code port}, closed loop (each connection sends a
 * message, waits for its full echo, checks it byte for byte, sends the next). Each message is a
 * different window of a fixed pseudo-random pattern, so a server that echoes stale or misordered
 * bytes is caught. Latency is from the first write of a message to the arrival of its last byte.
 */
final class EchoClient {
  /** No byte received for this long while messages are outstanding: the server is stuck. */
  static final long STALL_NANOS = 10_000_000_000L;

  /** What one run measured. */
  static final class Result {
    /** Requests per second in each measured window. */
    final double[] windowRps;

    /** Every measured round-trip time, in nanoseconds, sorted. */
    final long[] latencies;

    /** Requests completed while measuring. */
    final long requests;

    Result(double[] windowRps, long[] latencies, long requests) {
      this.windowRps = windowRps;
      this.latencies = latencies;
      this.requests = requests;
    }

    /** The latency at quantile {@code q} (nearest rank), in microseconds. */
    double latencyMicros(double q) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(q * latencies.length) - 1;
      return latencies[Math.max(0, Math.min(latencies.length - 1, rank))] / 1000.0;
    }
  }

  /** The echo did not match what was sent, or the server closed or stalled. */
  static final class EchoFailure extends IOException {
    private static final long serialVersionUID = 1L;

    EchoFailure(String message) {
      super(message);
    }
  }

  private static final int PATTERN_OFFSETS = 251;

  private final String server;
  private final int port;
  private Runnable atMeasureStart = () -> {};
  private Runnable atMeasureEnd = () -> {};
  private final int size;
  private final byte[] pattern;

  EchoClient(String server, int port, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("message size must be at least 1 byte, got " + size);
    }
    this.server = server;
    this.port = port;
    this.size = size;
    this.pattern = new byte[size + PATTERN_OFFSETS];
    long seed = 0x9E3779B97F4A7C15L ^ size;
    for (int i = 0; i < pattern.length; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      pattern[i] = (byte) (seed >>> 56);
    }
  }

  /**
   * Runs {@code start} when the measured windows begin and {@code end} when they are over (the
   * benchmark reads the server's CPU time there).
   */
  EchoClient onMeasure(Runnable start, Runnable end) {
    this.atMeasureStart = start;
    this.atMeasureEnd = end;
    return this;
  }

  /** One connection's state. */
  private final class Conn {
    final int id;
    final SocketChannel ch;
    final ByteBuffer out;
    final byte[] inBytes = new byte[size];
    final ByteBuffer in = ByteBuffer.wrap(inBytes);
    long seq;
    int offset;
    long sentAt;
    long remaining;

    Conn(int id, SocketChannel ch, long requests) {
      this.id = id;
      this.ch = ch;
      this.out = ByteBuffer.wrap(pattern);
      this.remaining = requests;
    }

    /** Sends the next message; returns false when the write did not complete. */
    boolean send(long now) throws IOException {
      offset = (int) ((seq * 97 + id * 31) % PATTERN_OFFSETS);
      out.limit(offset + size).position(offset);
      sentAt = now;
      ch.write(out);
      return !out.hasRemaining();
    }

    void check() throws EchoFailure {
      int at = Arrays.mismatch(inBytes, 0, size, pattern, offset, offset + size);
      if (at >= 0) {
        throw new EchoFailure(
            String.format(
                "echo mismatch from server %s on 127.0.0.1:%d: connection %d, message %d (%d"
                    + " bytes), byte %d is %d, sent %d",
                server, port, id, seq, size, at, inBytes[at], pattern[offset + at]));
      }
    }
  }

  /**
   * Sends {@code requests} messages on each of {@code connections} connections, checking every
   * echo; no timing. For tests.
   */
  long exchange(int connections, long requests) throws IOException {
    return run(connections, requests, 0, 0, 0).requests;
  }

  /**
   * Runs {@code connections} connections in a closed loop: {@code warmupNanos} unmeasured, then
   * {@code windows} measured windows of {@code windowNanos} each.
   */
  Result measure(int connections, long warmupNanos, int windows, long windowNanos)
      throws IOException {
    return run(connections, Long.MAX_VALUE, warmupNanos, windows, windowNanos);
  }

  private Result run(
      int connections, long requestsPerConn, long warmupNanos, int windows, long windowNanos)
      throws IOException {
    boolean timed = windows > 0;
    List<Conn> conns = new ArrayList<>();
    try (Selector selector = Selector.open()) {
      for (int i = 0; i < connections; i++) {
        SocketChannel ch;
        try {
          ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
          throw new EchoFailure(
              "cannot connect to server " + server + " on 127.0.0.1:" + port + ": " + e);
        }
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.configureBlocking(false);
        Conn c = new Conn(i, ch, requestsPerConn);
        ch.register(selector, SelectionKey.OP_READ, c);
        conns.add(c);
      }
      long start = System.nanoTime();
      long measureFrom = start + warmupNanos;
      long end = timed ? measureFrom + windows * windowNanos : Long.MAX_VALUE;
      long[] perWindow = new long[Math.max(1, windows)];
      long[] lat = new long[1 << 16];
      int latCount = 0;
      long completed = 0;
      int active = conns.size();
      for (Conn c : conns) {
        if (!c.send(System.nanoTime())) {
          c.ch.keyFor(selector).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
      }
      long lastProgress = System.nanoTime();
      boolean measuring = false;
      while (active > 0) {
        selector.select(1000);
        long now = System.nanoTime();
        if (timed && !measuring && now >= measureFrom) {
          measuring = true;
          atMeasureStart.run();
        }
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        if (!it.hasNext() && now - lastProgress > STALL_NANOS) {
          throw new EchoFailure(
              String.format(
                  "server %s on 127.0.0.1:%d sent nothing for %d s with %d connections waiting"
                      + " for %d-byte echoes",
                  server, port, STALL_NANOS / 1_000_000_000L, active, size));
        }
        while (it.hasNext()) {
          SelectionKey key = it.next();
          it.remove();
          Conn c = (Conn) key.attachment();
          if (key.isWritable()) {
            c.ch.write(c.out);
            if (!c.out.hasRemaining()) {
              key.interestOps(SelectionKey.OP_READ);
            }
          }
          if (!key.isReadable()) {
            continue;
          }
          int n = c.ch.read(c.in);
          if (n < 0) {
            throw new EchoFailure(
                String.format(
                    "server %s on 127.0.0.1:%d closed connection %d after %d of %d bytes of"
                        + " message %d",
                    server, port, c.id, c.in.position(), size, c.seq));
          }
          lastProgress = now;
          if (c.in.hasRemaining()) {
            continue;
          }
          c.check();
          c.in.clear();
          if (timed && now >= measureFrom && now < end) {
            long rtt = now - c.sentAt;
            if (latCount == lat.length) {
              lat = Arrays.copyOf(lat, lat.length * 2);
            }
            lat[latCount++] = rtt;
            perWindow[(int) Math.min(perWindow.length - 1, (now - measureFrom) / windowNanos)]++;
            completed++;
          } else if (!timed) {
            completed++;
          }
          c.seq++;
          if (--c.remaining == 0 || now >= end) {
            active--;
            key.interestOps(0);
            continue;
          }
          if (!c.send(now)) {
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
          }
        }
      }
      if (measuring) {
        atMeasureEnd.run();
      }
      double[] rps = new double[windows];
      for (int w = 0; w < windows; w++) {
        rps[w] = perWindow[w] / (windowNanos / 1e9);
      }
      long[] sorted = Arrays.copyOf(lat, latCount);
      Arrays.sort(sorted);
      return new Result(rps, sorted, completed);
    } finally {
      for (Conn c : conns) {
        try {
          c.ch.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
  }
}
