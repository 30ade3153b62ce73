package org.asyncio4j;

import static org.asyncio4j.LoopTesting.vt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** AsyncFiles and AsyncFile: whole-file helpers, streaming reads and writes, lines, errors. */
@Timeout(60)
class AsyncFilesTest {
  @TempDir Path dir;

  @Test
  void wholeFileHelpersRoundTrip() throws IOException {
    Path text = dir.resolve("t.txt");
    Path bin = dir.resolve("b.bin");
    byte[] data = new byte[5 * 1024 * 1024 + 17];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31);
    }
    List<Object> got = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> AsyncFiles.writeString(text, "héllo\nwörld\n")),
            Coros.await(() -> AsyncFiles.readString(text), s -> got.add(s)),
            Coros.await(() -> AsyncFiles.write(bin, data)),
            Coros.await(() -> AsyncFiles.readAllBytes(bin), b -> got.add(b))),
        vt());
    assertEquals("héllo\nwörld\n", got.get(0));
    assertArrayEquals(data, (byte[]) got.get(1));
    assertEquals("héllo\nwörld\n", Files.readString(text, StandardCharsets.UTF_8));
  }

  @Test
  void aFileLargerThanTheBuffersStreamsLineByLine() throws IOException {
    Path p = dir.resolve("big.txt");
    int lines = 200_000; // ~6 MB, many times the 64 Ki-character chunks
    AsyncFile[] f = new AsyncFile[1];
    int[] i = {0};
    int[] read = {0};
    List<String> bad = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> AsyncFiles.open(p, "w"), x -> f[0] = x),
            Coros.await(
                () ->
                    IoCoros.loop(
                        lines + 1,
                        () -> f[0].write("line number " + i[0] + " of the big file\n"),
                        v -> ++i[0] < lines)),
            Coros.await(() -> f[0].exitAsync(null)),
            Coros.await(() -> AsyncFiles.open(p, "r"), x -> f[0] = x),
            Coros.await(
                () ->
                    IoCoros.loop(
                        lines + 2,
                        () -> f[0].readLine(),
                        line -> {
                          if (line == null) {
                            return false;
                          }
                          if (!line.equals("line number " + read[0] + " of the big file")
                              && bad.size() < 3) {
                            bad.add(read[0] + ": " + line);
                          }
                          read[0]++;
                          return true;
                        })),
            Coros.await(() -> f[0].closeAsync())),
        vt());
    assertEquals(List.of(), bad);
    assertEquals(lines, read[0]);
    assertEquals(lines, Files.readAllLines(p).size());
  }

  @Test
  void aCloseWhileAnotherTasksWriteRunsWaitsForItInsteadOfFailing() throws IOException {
    Path p = dir.resolve("closing.txt");
    String big = "x".repeat(200_000); // over the 64 Ki buffer: the write is an executor job
    AsyncFile[] f = new AsyncFile[1];
    Task<?>[] closer = new Task<?>[1];
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> AsyncFiles.open(p, "w"), x -> f[0] = x),
            // The closer runs while this task's write job is still running.
            Coros.run(
                () ->
                    closer[0] =
                        Asyncio.createTask(Coros.after(() -> f[0].exitAsync(null), v -> v))),
            Coros.await(() -> f[0].write(big), v -> log.add("written")),
            Coros.await(() -> LoopTesting.any(closer[0]), v -> log.add("exit " + v)),
            Coros.run(() -> log.add("closed " + f[0].isClosed()))),
        vt());
    assertEquals(List.of("written", "exit false", "closed true"), log);
    assertEquals(big, Files.readString(p));
  }

  @Test
  void asyncWithAFileWhoseBodyIsCancelledMidWriteClosesItAfterTheWrite() throws IOException {
    Path p = dir.resolve("cancelled.txt");
    String big = "y".repeat(200_000);
    AsyncFile[] f = new AsyncFile[1];
    Task<?>[] writer = new Task<?>[1];
    List<Object> log = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> AsyncFiles.open(p, "w"), x -> f[0] = x),
            Coros.run(
                () ->
                    writer[0] =
                        Asyncio.createTask(
                            Coros.asyncWith(
                                f[0],
                                () ->
                                    Coros.steps(
                                        Coros.await(() -> f[0].write(big)),
                                        Coros.run(() -> log.add("not cancelled")))))),
            Coros.await(() -> Asyncio.sleep(0)), // the writer is now waiting for its write job
            Coros.run(() -> writer[0].cancel()),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> LoopTesting.any(writer[0]), v -> "returned"),
                        CancelledError.class,
                        e -> "cancelled"),
                v -> log.add(v)),
            Coros.run(() -> log.add("closed " + f[0].isClosed()))),
        vt());
    assertEquals(List.of("cancelled", "closed true"), log);
    assertEquals(big, Files.readString(p)); // the write job ran to its end before the close
  }

  @Test
  void binaryModesWriteAppendAndReadBytes() throws IOException {
    Path p = dir.resolve("b.bin");
    int chunk = 1000;
    int chunks = 3000; // 3 MB through 64 KiB buffers
    AsyncFile[] f = new AsyncFile[1];
    int[] i = {0};
    java.io.ByteArrayOutputStream readBack = new java.io.ByteArrayOutputStream();
    List<String> got = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> AsyncFiles.open(p, "wb"), x -> f[0] = x),
            Coros.await(
                () ->
                    IoCoros.loop(
                        chunks + 1,
                        () -> {
                          byte[] b = new byte[chunk];
                          java.util.Arrays.fill(b, (byte) i[0]);
                          return f[0].write(b);
                        },
                        v -> ++i[0] < chunks)),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> f[0].write("text"), v -> "wrote"),
                        IllegalStateException.class,
                        e -> "text refused"),
                v -> got.add(v)),
            Coros.await(() -> f[0].closeAsync()),
            Coros.await(() -> AsyncFiles.open(p, "ab"), x -> f[0] = x),
            Coros.await(() -> f[0].write(new byte[] {1, 2, 3})),
            Coros.await(() -> f[0].exitAsync(null)),
            Coros.await(() -> AsyncFiles.open(p, "rb"), x -> f[0] = x),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> f[0].readLine(),
                        IllegalStateException.class,
                        e -> "readLine refused"),
                v -> got.add(v)),
            Coros.await(
                () ->
                    IoCoros.loop(
                        10_000,
                        () -> f[0].readBytes(65536),
                        b -> {
                          readBack.write(b, 0, b.length);
                          return b.length > 0;
                        })),
            Coros.await(() -> f[0].readBytes(), b -> got.add("rest " + b.length)),
            Coros.await(() -> f[0].closeAsync())),
        vt());
    assertEquals(List.of("text refused", "readLine refused", "rest 0"), got);
    byte[] all = readBack.toByteArray();
    assertEquals((long) chunk * chunks + 3, all.length);
    assertEquals((byte) 1234, all[1234 * chunk + 5]);
    assertEquals(3, all[all.length - 1]);
    assertArrayEquals(all, Files.readAllBytes(p));
  }

  @Test
  void linesIteratesWithHasNextAndNext() throws IOException {
    Path p = dir.resolve("l.txt");
    Files.writeString(p, "a\r\nb\n\nlast");
    List<String> got = new ArrayList<>();
    AsyncFile[] f = new AsyncFile[1];
    AsyncIterator<?>[] it = new AsyncIterator<?>[1];
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> AsyncFiles.open(p, "r"), x -> f[0] = x),
            Coros.run(() -> it[0] = f[0].lines().asyncIterator()),
            Coros.await(
                () ->
                    IoCoros.loop(
                        10,
                        () -> it[0].hasNext(),
                        more -> {
                          if (more) {
                            got.add((String) it[0].next());
                          }
                          return more;
                        })),
            Coros.await(() -> it[0].closeAsync()),
            Coros.await(() -> f[0].closeAsync())),
        vt());
    assertEquals(List.of("a", "b", "", "last"), got);
  }

  @Test
  void appendReadNAndReadRest() throws IOException {
    Path p = dir.resolve("a.txt");
    Files.writeString(p, "start\n");
    List<Object> got = new ArrayList<>();
    AsyncFile[] f = new AsyncFile[1];
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> AsyncFiles.open(p, "a"), x -> f[0] = x),
            Coros.await(() -> f[0].write("more\n")),
            Coros.await(() -> f[0].flush()),
            Coros.run(() -> got.add(Files.readString(p))),
            Coros.await(() -> f[0].exitAsync(null), v -> got.add(v)),
            Coros.await(() -> AsyncFiles.open(p, "r"), x -> f[0] = x),
            Coros.await(() -> f[0].read(3), s -> got.add(s)),
            Coros.await(() -> f[0].read(0), s -> got.add("[" + s + "]")),
            Coros.await(() -> f[0].read(), s -> got.add(s)),
            Coros.await(() -> f[0].read(), s -> got.add("[" + s + "]")),
            Coros.await(() -> f[0].readLine(), s -> got.add(s == null ? "null" : s)),
            Coros.await(() -> f[0].closeAsync()),
            Coros.await(() -> f[0].closeAsync()),
            Coros.run(() -> got.add(f[0].isClosed()))),
        vt());
    assertEquals(
        List.of("start\nmore\n", false, "sta", "[]", "rt\nmore\n", "[]", "null", true), got);
  }

  @Test
  void errorsAreClear() throws IOException {
    Path missing = dir.resolve("missing.txt");
    assertThrows(
        NoSuchFileException.class, () -> Asyncio.run(AsyncFiles.readString(missing), vt()));
    assertThrows(NoSuchFileException.class, () -> Asyncio.run(AsyncFiles.open(missing, "r"), vt()));
    assertThrows(IllegalArgumentException.class, () -> AsyncFiles.open(missing, "rx"));
    Path p = dir.resolve("r.txt");
    Files.writeString(p, "x");
    AsyncFile[] f = new AsyncFile[1];
    List<String> got = new ArrayList<>();
    Asyncio.run(
        Coros.steps(
            Coros.await(() -> AsyncFiles.open(p, "r"), x -> f[0] = x),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> Coros.after(() -> f[0].write("no"), v -> "wrote"),
                        IllegalStateException.class,
                        e -> e.getMessage()),
                s -> got.add(s)),
            Coros.await(() -> f[0].closeAsync()),
            Coros.await(
                () ->
                    Coros.tryCatch(
                        () -> f[0].readLine(), IllegalStateException.class, e -> e.getMessage()),
                s -> got.add(s))),
        vt());
    assertTrue(got.get(0).contains("opened for reading"), got.get(0));
    assertTrue(got.get(1).contains("is closed"), got.get(1));
  }
}
