package org.asyncio4j.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;
import org.junit.jupiter.api.Test;

/** Runs the programs of docs/tutorial.md that do not come from the tutorials. */
class BeyondTheTutorialsTest {
  private static String run(Coroutine<Void> main) {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      Asyncio.run(main, RunOptions.create().virtualTime(true));
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  @Test
  void asCompletedGivesResultsInCompletionOrder() {
    assertEquals(
        "Finished: fast\nFinished: medium\nFinished: slow\n",
        run(BeyondTheTutorialsAsync.asCompletedDemo()));
  }

  @Test
  void timeoutRaisesTimeoutError() {
    assertEquals("Timed out after 2 s\n", run(BeyondTheTutorialsAsync.timeoutDemo()));
  }

  @Test
  void toThreadRunsBlockingCodeOffTheLoop() {
    assertEquals("contents of data.txt\n", run(BeyondTheTutorialsAsync.toThreadDemo()));
  }
}
