package org.asyncio4j;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * File I/O that does not block the loop, in the style of the aiofiles package: each operation runs
 * on the loop's executor and completes on the loop thread. Like every executor job, a file
 * operation in progress keeps virtual time from jumping. Text is UTF-8 unless a charset is given.
 *
 * <pre>{@code
 * String config = Await.of(AsyncFiles.readString(path));
 * try (AsyncFile f = Await.of(AsyncFiles.open(log, "a"))) {   // in an @Async method
 *   Await.of(f.write("started\n"));
 * }
 * }</pre>
 */
public final class AsyncFiles {
  private static final java.util.Set<String> MODES =
      java.util.Set.of("r", "w", "a", "rb", "wb", "ab");

  private AsyncFiles() {}

  /** The whole file as a UTF-8 string. */
  public static Coroutine<String> readString(Path path) {
    return readString(path, StandardCharsets.UTF_8);
  }

  /** The whole file as a string in {@code charset}. */
  public static Coroutine<String> readString(Path path, Charset charset) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(charset, "charset");
    return blocking("readString(" + path + ")", () -> Files.readString(path, charset));
  }

  /** Writes {@code text} as UTF-8, replacing the file's content (creating it if needed). */
  public static Coroutine<Void> writeString(Path path, String text) {
    return writeString(path, text, StandardCharsets.UTF_8);
  }

  /** Writes {@code text} in {@code charset}, replacing the file's content. */
  public static Coroutine<Void> writeString(Path path, String text, Charset charset) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(charset, "charset");
    return blocking(
        "writeString(" + path + ")",
        () -> {
          Files.writeString(path, text, charset);
          return null;
        });
  }

  /** The whole file as bytes. */
  public static Coroutine<byte[]> readAllBytes(Path path) {
    Objects.requireNonNull(path, "path");
    return blocking("readAllBytes(" + path + ")", () -> Files.readAllBytes(path));
  }

  /** Writes {@code bytes}, replacing the file's content (creating it if needed). */
  public static Coroutine<Void> write(Path path, byte[] bytes) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(bytes, "bytes");
    byte[] copy = bytes.clone();
    return blocking(
        "write(" + path + ")",
        () -> {
          Files.write(path, copy);
          return null;
        });
  }

  /**
   * Opens a text file (UTF-8): {@code "r"} to read, {@code "w"} to write (truncating, creating),
   * {@code "a"} to append (creating); or a binary file with {@code "rb"}, {@code "wb"}, {@code
   * "ab"}. Use the returned {@link AsyncFile} in a try-with-resources of an {@code @Async} method,
   * or close it with {@link AsyncFile#closeAsync()}.
   */
  public static Coroutine<AsyncFile> open(Path path, String mode) {
    return open(path, mode, StandardCharsets.UTF_8);
  }

  /** {@link #open(Path, String)} with a charset. */
  public static Coroutine<AsyncFile> open(Path path, String mode, Charset charset) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(charset, "charset");
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException(
          "AsyncFiles.open: mode must be \"r\", \"w\" or \"a\" (text) or \"rb\", \"wb\", \"ab\""
              + " (binary), got \""
              + mode
              + "\"");
    }
    return blocking("open(" + path + ", " + mode + ")", () -> AsyncFile.open(path, mode, charset));
  }

  /** A coroutine that runs {@code fn} on the loop's executor when it starts. */
  static <T> Coroutine<T> blocking(String what, Callable<T> fn) {
    return new Blocking<>(what, fn);
  }

  private static final class Blocking<T> extends Coroutine<T> {
    private final String what;
    private final Callable<T> fn;

    Blocking(String what, Callable<T> fn) {
      this.what = what;
      this.fn = fn;
    }

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          if (!await(task.loop.runInExecutor(null, fn), 1)) {
            return;
          }
          // fall through
        case 1:
          complete(awaitResult());
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }

    @Override
    protected String describe() {
      return "AsyncFiles." + what;
    }
  }
}
