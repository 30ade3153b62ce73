package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.AsyncFile;
import org.asyncio4j.AsyncFiles;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * File I/O without blocking the loop: three files written concurrently, then read concurrently,
 * then removed. aiofiles is asyncio4j's {@link AsyncFiles}. From tutorial S001 ("File I/O with
 * aiofiles").
 *
 * <pre>{@code
 * async def write_file(filename, content):
 *     print(f"Writing to {filename}")
 *     async with aiofiles.open(filename, 'w') as file:
 *         await file.write(content)
 *     print(f"Finished writing to {filename}")
 *
 * async def read_file(filename):
 *     print(f"Reading from {filename}")
 *     async with aiofiles.open(filename, 'r') as file:
 *         content = await file.read()
 *     print(f"Read {len(content)} bytes from {filename}")
 *     return content
 *
 * async def file_io_demo():
 *     write_tasks = [
 *         write_file('asyncio_demo_1.txt', 'This is file 1 content\n' * 1000),
 *         write_file('asyncio_demo_2.txt', 'This is file 2 content\n' * 1000),
 *         write_file('asyncio_demo_3.txt', 'This is file 3 content\n' * 1000)
 *     ]
 *     await asyncio.gather(*write_tasks)
 *     read_tasks = [read_file('asyncio_demo_1.txt'), read_file('asyncio_demo_2.txt'),
 *                   read_file('asyncio_demo_3.txt')]
 *     results = await asyncio.gather(*read_tasks)
 *     import os
 *     for i in range(1, 4):
 *         os.remove(f'asyncio_demo_{i}.txt')
 *     print("File I/O demo completed")
 * }</pre>
 *
 * <p>The files go to the current directory, as in the tutorial; the launcher takes another
 * directory as argument.
 */
public final class FileIoDemo {
  private FileIoDemo() {}

  // tutorial:start files
  @Async
  static Coroutine<Void> writeFile(Path filename, String content) {
    System.out.println("Writing to " + filename.getFileName());
    try (AsyncFile file = Await.of(AsyncFiles.open(filename, "w"))) {
      Await.of(file.write(content));
    }
    System.out.println("Finished writing to " + filename.getFileName());
    return Coroutine.done();
  }

  @Async
  static Coroutine<String> readFile(Path filename) {
    System.out.println("Reading from " + filename.getFileName());
    String content;
    try (AsyncFile file = Await.of(AsyncFiles.open(filename, "r"))) {
      content = Await.of(file.read());
    }
    System.out.println("Read " + content.length() + " bytes from " + filename.getFileName());
    return Coroutine.of(content);
  }
  // tutorial:end files

  @Async
  static Coroutine<Void> fileIoDemo(Path dir) throws IOException {
    // Write files concurrently
    List<Coroutine<Void>> writeTasks = List.of(
        writeFile(dir.resolve("asyncio_demo_1.txt"), "This is file 1 content\n".repeat(1000)),
        writeFile(dir.resolve("asyncio_demo_2.txt"), "This is file 2 content\n".repeat(1000)),
        writeFile(dir.resolve("asyncio_demo_3.txt"), "This is file 3 content\n".repeat(1000)));
    Await.of(gather(writeTasks));

    // Read files concurrently
    List<Coroutine<String>> readTasks = List.of(
        readFile(dir.resolve("asyncio_demo_1.txt")),
        readFile(dir.resolve("asyncio_demo_2.txt")),
        readFile(dir.resolve("asyncio_demo_3.txt")));
    List<String> results = Await.of(gather(readTasks));

    // Clean up demo files (optional), on a worker thread: Files.delete blocks
    for (int i = 1; i < 4; i++) {
      Path file = dir.resolve("asyncio_demo_" + i + ".txt");
      Await.of(
          Asyncio.toThread(
              () -> {
                Files.delete(file);
                return null;
              }));
    }

    System.out.println("File I/O demo completed");
    return Coroutine.done();
  }

  static void run(RunOptions options, List<String> args) {
    try {
      Asyncio.run(FileIoDemoAsync.fileIoDemo(Path.of(args.isEmpty() ? "." : args.get(0))), options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void main(String[] args) {
    run(RunOptions.create(), List.of(args));
  }
}
