package org.asyncio4j.examples.guide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the programs that docs/guide.md quotes (its interop and threading chapters). */
class GuideProgramsTest {
  private static String output(Runnable program) {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      program.run();
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void interop() {
    String out = output(() -> Interop.main(new String[0]));
    assertTrue(out.contains("JDK code got A"), out);
    assertTrue(out.contains("[A, B]"), out);
  }

  @Test
  void threads() {
    String out = output(() -> Threads.main(new String[0]));
    assertTrue(out.contains("posted from Thread-"), out);
    assertTrue(out.contains("sum = 49999995000000"), out);
    assertTrue(out.contains("Hello, worker"), out);
  }
}
