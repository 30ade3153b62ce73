package org.asyncio4j;

import static org.asyncio4j.IoCoros.bytes;
import static org.asyncio4j.IoCoros.str;
import static org.asyncio4j.LoopTesting.vt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * StreamReader semantics on a reader fed by hand (Python's {@code feed_data}/{@code feed_eof}):
 * STR-02, read/readLine/readExactly/readUntil, the buffer limit, errors after buffered data,
 * cancellation of a waiting read.
 */
@Timeout(30)
class StreamsTest {

  private static <T> T run(Coroutine<T> c) {
    return Asyncio.run(c, vt());
  }

  @Test
  void str02_readExactlyAtEofRaisesIncompleteReadErrorWithThePartialData() {
    IncompleteReadError e =
        assertThrows(
            IncompleteReadError.class,
            () ->
                run(
                    Coros.after(
                        () -> {
                          StreamReader r = new StreamReader();
                          r.feedData(bytes("ab"));
                          r.feedEof();
                          return r.readExactly(5);
                        },
                        v -> v)));
    assertArrayEquals(bytes("ab"), e.partial());
    assertEquals(5, e.expected());
    assertTrue(e.getMessage().contains("2 bytes read on a total of 5"), e.getMessage());
  }

  @Test
  void readsFromANonEmptyBufferCompleteWithoutSuspending() {
    List<Object> seen = new ArrayList<>();
    run(
        Coros.steps(
            Coros.run(
                () -> {
                  StreamReader r = new StreamReader();
                  r.feedData(bytes("line1\nline2\nrest"));
                  // Each read is a coroutine that completes in its first resume(): awaiting it
                  // inside one task step never reaches the loop.
                  Coroutine<byte[]> c = r.readLine();
                  seen.add(c);
                  seen.add(r);
                }),
            Coros.await(() -> (Coroutine<?>) seen.get(0), v -> seen.add(str((byte[]) v))),
            Coros.await(
                () -> ((StreamReader) seen.get(1)).readUntil(bytes("2\n")), v -> seen.add(str(v))),
            Coros.await(() -> ((StreamReader) seen.get(1)).read(2), v -> seen.add(str(v))),
            Coros.await(() -> ((StreamReader) seen.get(1)).readExactly(2), v -> seen.add(str(v)))));
    assertEquals(List.of("line1\n", "line2\n", "re", "st"), seen.subList(2, 6));
  }

  @Test
  void readWaitsForDataThenReturnsWhatIsAvailableUpToN() {
    StreamReader[] r = new StreamReader[1];
    List<String> got = new ArrayList<>();
    run(
        Coros.steps(
            Coros.run(
                () -> {
                  r[0] = new StreamReader();
                  EventLoop loop = Asyncio.getRunningLoop();
                  loop.callLater(1, () -> r[0].feedData(bytes("hello world")));
                  loop.callLater(2, () -> r[0].feedData(bytes("!")));
                  loop.callLater(3, () -> r[0].feedEof());
                }),
            Coros.await(
                () -> r[0].read(5), v -> got.add(str(v) + "@" + Asyncio.getRunningLoop().time())),
            Coros.await(() -> r[0].read(100), v -> got.add(str(v))),
            Coros.await(
                () -> r[0].read(100), v -> got.add(str(v) + "@" + Asyncio.getRunningLoop().time())),
            Coros.await(() -> r[0].read(100), v -> got.add("[" + str(v) + "]")),
            Coros.run(() -> got.add("eof=" + r[0].atEof()))));
    assertEquals(List.of("hello@1.0", " world", "!@2.0", "[]", "eof=true"), got);
  }

  @Test
  void readAllCollectsEverythingUntilEofEvenBeyondTheBufferLimit() {
    byte[][] out = new byte[1][];
    run(
        Coros.steps(
            Coros.run(
                () -> {
                  StreamReader r = new StreamReader(16);
                  EventLoop loop = Asyncio.getRunningLoop();
                  for (int i = 0; i < 10; i++) {
                    int k = i;
                    loop.callLater(i + 1, () -> r.feedData(bytes("chunk-" + k + "-0123456789;")));
                  }
                  loop.callLater(20, r::feedEof);
                  readers.add(r);
                }),
            Coros.await(() -> readers.get(0).read(-1), v -> out[0] = v)));
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      expected.append("chunk-").append(i).append("-0123456789;");
    }
    assertEquals(expected.toString(), str(out[0]));
  }

  private final List<StreamReader> readers = new ArrayList<>();

  @Test
  void chunkBoundariesNeverChangeWhatIsRead() {
    // The same byte stream fed in pseudo-random chunks (fixed seed) and read with a mix of
    // readUntil (two-byte separator that may straddle chunks), readExactly and read: the reads
    // must reassemble the stream exactly, whatever the compaction and growth of the buffer.
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      sb.append("record-").append(i).append(i % 7 == 0 ? "-padding-padding" : "").append("\r\n");
    }
    byte[] data = bytes(sb.toString());
    java.util.Random rnd = new java.util.Random(42);
    StreamReader r = new StreamReader(256);
    ByteArrayOutputStreamHolder out = new ByteArrayOutputStreamHolder();
    int[] fed = {0};
    int[] round = {0};
    run(
        Coros.steps(
            Coros.run(
                () -> {
                  EventLoop loop = Asyncio.getRunningLoop();
                  double t = 0;
                  while (fed[0] < data.length) {
                    int n = Math.min(data.length - fed[0], 1 + rnd.nextInt(40));
                    int off = fed[0];
                    fed[0] += n;
                    t += 0.001;
                    loop.callLater(t, () -> r.feedData(data, off, n));
                  }
                  loop.callLater(t + 1, r::feedEof);
                }),
            Coros.await(
                () ->
                    IoCoros.loop(
                        100_000,
                        () -> {
                          switch (round[0]++ % 3) {
                            case 0:
                              return Coros.tryCatch(
                                  () -> r.readUntil(bytes("\r\n")),
                                  IncompleteReadError.class,
                                  e -> e.partial());
                            case 1:
                              return Coros.tryCatch(
                                  () -> r.readExactly(5),
                                  IncompleteReadError.class,
                                  e -> e.partial());
                            default:
                              return r.read(17);
                          }
                        },
                        b -> {
                          out.bytes.write(b, 0, b.length);
                          return !r.atEof();
                        }))));
    assertEquals(sb.toString(), str(out.bytes.toByteArray()));
  }

  private static final class ByteArrayOutputStreamHolder {
    final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
  }

  @Test
  void readLineReturnsThePartialLastLineThenEmpty() {
    List<String> got = new ArrayList<>();
    StreamReader r = fed("a\nbc", true);
    run(
        Coros.steps(
            Coros.await(r::readLine, v -> got.add(str(v))),
            Coros.await(r::readLine, v -> got.add(str(v))),
            Coros.await(r::readLine, v -> got.add(str(v))),
            Coros.run(() -> got.add("eof=" + r.atEof()))));
    assertEquals(List.of("a\n", "bc", "", "eof=true"), got);
  }

  @Test
  void asyncForOverAReaderYieldsItsLines() {
    StreamReader r = fed("one\ntwo\nthree", true);
    AsyncIterator<byte[]> it = r.asyncIterator();
    List<String> got = new ArrayList<>();
    run(
        IoCoros.loop(
            10,
            it::hasNext,
            more -> {
              if (more) {
                got.add(str(it.next()));
              }
              return more;
            }));
    assertEquals(List.of("one\n", "two\n", "three"), got);
    assertThrows(java.util.NoSuchElementException.class, it::next);
  }

  @Test
  void readUntilAtEofRaisesIncompleteReadErrorWithEverythingBuffered() {
    assertEquals("a\n", str(run(Coros.after(() -> fed("a\nb", false).readUntil(), v -> v))));
    StreamReader r = fed("no separator here", true);
    IncompleteReadError e =
        assertThrows(
            IncompleteReadError.class,
            () -> run(Coros.after(() -> r.readUntil(bytes("||")), v -> v)));
    assertEquals("no separator here", str(e.partial()));
    assertEquals(-1, e.expected());
    assertTrue(r.atEof());
  }

  @Test
  void readUntilBeyondTheLimitRaisesLimitOverrunErrorAndKeepsTheData() {
    StreamReader r = new StreamReader(8);
    r.feedData(bytes("0123456789abcdef;tail"));
    LimitOverrunError e =
        assertThrows(
            LimitOverrunError.class, () -> run(Coros.after(() -> r.readUntil(bytes(";")), v -> v)));
    assertEquals(16, e.consumed());
    assertTrue(e.getMessage().contains("limit of 8"), e.getMessage());
    // The data stays buffered: it can be consumed with read().
    assertEquals("0123456789abcdef;", str(run(Coros.after(() -> r.read(17), v -> v))));
    assertEquals("tail", str(run(Coros.after(() -> r.read(100), v -> v))));
  }

  @Test
  void readUntilWithoutSeparatorBeyondTheLimitRaisesLimitOverrunError() {
    StreamReader r = new StreamReader(8);
    r.feedData(bytes("0123456789abcdef"));
    LimitOverrunError e =
        assertThrows(
            LimitOverrunError.class,
            () -> run(Coros.after(() -> r.readUntil(bytes("--")), v -> v)));
    assertEquals(15, e.consumed()); // Python: len(buffer) + 1 - len(separator)
  }

  @Test
  void readLineBeyondTheLimitDiscardsTheLongLineAndRaises() {
    StreamReader r = new StreamReader(4);
    r.feedData(bytes("much too long\nok\n"));
    assertThrows(LimitOverrunError.class, () -> run(Coros.after(r::readLine, v -> v)));
    assertEquals("ok\n", str(run(Coros.after(r::readLine, v -> v))));
  }

  @Test
  void aSecondConcurrentReadIsAnError() {
    StreamReader r = new StreamReader();
    Object[] second = new Object[1];
    run(
        Coros.steps(
            Coros.run(
                () -> {
                  Task<byte[]> first = Asyncio.createTask(r.read(10));
                  Asyncio.getRunningLoop().callLater(1, () -> r.feedData(bytes("x")));
                  readersTasks.add(first);
                }),
            Coros.await(() -> Asyncio.sleep(0)),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> r.readLine(),
                        IllegalStateException.class,
                        e -> bytes(e.getMessage())),
                v -> second[0] = str(v)),
            Coros.await(() -> readersTasks.get(0))));
    assertTrue(
        ((String) second[0])
            .contains("readLine() called while another coroutine is already waiting in read()"),
        (String) second[0]);
    assertEquals("x", str((byte[]) readersTasks.get(0).result()));
  }

  private final List<Task<?>> readersTasks = new ArrayList<>();

  @Test
  void aCancelledReadLeavesTheReaderUsable() {
    StreamReader r = new StreamReader();
    List<String> got = new ArrayList<>();
    run(
        Coros.steps(
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Asyncio.waitFor(r.readLine(), 1),
                        TimeoutError.class,
                        e -> bytes("timeout")),
                v -> got.add(str(v))),
            Coros.run(() -> r.feedData(bytes("late\n"))),
            Coros.await(r::readLine, v -> got.add(str(v)))));
    assertEquals(List.of("timeout", "late\n"), got);
  }

  @Test
  void anErrorIsRaisedOnlyAfterTheBufferedBytesAreRead() {
    StreamReader r = new StreamReader();
    SocketException reset = new SocketException("Connection reset");
    r.feedData(bytes("line\npart"));
    r.setException(reset);
    assertSame(reset, r.exception());
    assertEquals("line\n", str(run(Coros.after(r::readLine, v -> v))));
    IncompleteReadError e =
        assertThrows(
            IncompleteReadError.class, () -> run(Coros.after(() -> r.readExactly(10), v -> v)));
    assertEquals("part", str(e.partial()));
    assertSame(reset, e.getCause());
    SocketException again =
        assertThrows(SocketException.class, () -> run(Coros.after(() -> r.read(10), v -> v)));
    assertSame(reset, again);
  }

  @Test
  void argumentsAreChecked() {
    StreamReader r = new StreamReader();
    assertThrows(IllegalArgumentException.class, () -> r.read(-2));
    assertThrows(IllegalArgumentException.class, () -> r.readExactly(-1));
    assertThrows(IllegalArgumentException.class, () -> r.readUntil(new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new StreamReader(0));
    assertEquals(0, run(Coros.after(() -> r.read(0), v -> v)).length);
    assertFalse(r.atEof());
    r.feedEof();
    assertTrue(r.atEof());
    assertThrows(IllegalStateException.class, () -> r.feedData(bytes("x")));
    assertNull(r.exception());
    assertInstanceOf(String.class, r.toString());
  }

  private static StreamReader fed(String data, boolean eof) {
    StreamReader r = new StreamReader();
    r.feedData(bytes(data));
    if (eof) {
      r.feedEof();
    }
    return r;
  }
}
