package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.junit.jupiter.api.Test;

/** Generated coroutines report the user's class, method, file and await line in stack traces. */
class AsyncStackTraceTest {
  @Test
  void exceptionsShowTheAwaitChainWithSourceLines() {
    String src =
        "package t;\n"
            + "import org.asyncio4j.*;\n"
            + "public final class St {\n"
            + "  @Async\n"
            + "  static Coroutine<Integer> inner(int x) {\n"
            + "    Await.of(Asyncio.sleep(1));\n"
            + "    if (x > 0) throw new IllegalStateException(\"deep\");\n"
            + "    return Coroutine.of(x);\n"
            + "  }\n"
            + "  @Async\n"
            + "  static Coroutine<Integer> outer() {\n"
            + "    int a = Await.of(inner(0));\n"
            + "    int b = Await.of(inner(1));\n"
            + "    return Coroutine.of(a + b);\n"
            + "  }\n"
            + "}\n";
    Harness.Compiled c = Harness.compile(src);
    Coroutine<?> outer = (Coroutine<?>) c.call("t.StAsync", "outer");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Asyncio.run(outer, Harness.VT));
    List<String> frames = new ArrayList<>();
    for (StackTraceElement f : e.getStackTrace()) {
      frames.add(f.toString());
    }
    // inner threw at line 7 (sourceLine), outer is suspended at its await on line 13.
    int inner = frames.indexOf("t.St.inner(St.java:7)");
    int outerFrame = frames.indexOf("t.St.outer(St.java:13)");
    assertTrue(inner >= 0 && outerFrame > inner, String.join("\n", frames));
  }

  @Test
  void aFailureInUserCodeShowsItsExactLine() {
    String src =
        "package t;\n"
            + "import org.asyncio4j.*;\n"
            + "public final class Ex {\n"
            + "  static int check(int v) {\n"
            + "    if (v > 1) throw new IllegalArgumentException(\"too big: \" + v);\n"
            + "    return v;\n"
            + "  }\n"
            + "  @Async\n"
            + "  static Coroutine<Integer> work(int x) {\n"
            + "    int a = Await.of(Asyncio.sleep(1, x));\n"
            + "    int b = a + 1;\n"
            + "    int c = check(b);\n"
            + "    Await.of(Asyncio.sleep(1));\n"
            + "    return Coroutine.of(c);\n"
            + "  }\n"
            + "  @Async\n"
            + "  static Coroutine<Integer> caller() {\n"
            + "    int ok = Await.of(work(0));\n"
            + "    int bad = Await.of(work(1));\n"
            + "    return Coroutine.of(ok + bad);\n"
            + "  }\n"
            + "}\n";
    Harness.Compiled c = Harness.compile(src);
    Coroutine<?> caller = (Coroutine<?>) c.call("t.ExAsync", "caller");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Asyncio.run(caller, Harness.VT));
    java.io.StringWriter printed = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(printed, true));
    String trace = printed.toString();
    List<String> frames = new ArrayList<>();
    for (StackTraceElement f : e.getStackTrace()) {
      frames.add(f.toString());
    }
    // The JVM's own frames: check() at line 5, called from the generated resume().
    assertTrue(frames.get(0).equals("t.Ex.check(Ex.java:5)"), trace);
    // The async frames: work() failed at line 12 (not at its last await, line 10), caller() is at
    // its await on line 19.
    int work = frames.indexOf("t.Ex.work(Ex.java:12)");
    int callerFrame = frames.indexOf("t.Ex.caller(Ex.java:19)");
    assertTrue(work >= 0 && callerFrame == work + 1, trace);
    assertTrue(trace.contains("\tat t.Ex.work(Ex.java:12)\n"), trace);
    assertTrue(!frames.contains("t.Ex.work(Ex.java:10)"), trace);

    // The generated tables: lines outside resume() map to -1, the comment lines to their own line.
    String gen = c.generatedSource("t.ExAsync");
    String[] lines = gen.split("\n", -1);
    Coroutine<?> w = (Coroutine<?>) c.call("t.ExAsync", "work", 0);
    int seen = 0;
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].trim();
      if (l.startsWith("// Ex.java:") && lines[i].contains("int ")) {
        int n = Integer.parseInt(l.substring("// Ex.java:".length(), l.indexOf(' ', 3 + 8)));
        if (n >= 10 && n <= 12) {
          assertTrue(sourceLine(w, i + 1) == n && sourceLine(w, i + 2) == n, gen);
          seen++;
        }
      }
    }
    assertTrue(seen == 3, gen);
    assertTrue(sourceLine(w, 1) == -1 && sourceLine(w, lines.length) == -1, gen);
  }

  private static int sourceLine(Coroutine<?> c, int generatedLine) {
    try {
      java.lang.reflect.Method m = c.getClass().getDeclaredMethod("sourceLine", int.class);
      m.setAccessible(true);
      return (Integer) m.invoke(c, generatedLine);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
