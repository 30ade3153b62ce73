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
    int inner = frames.indexOf("t.St.inner(St.java:6)");
    int outerFrame = frames.indexOf("t.St.outer(St.java:13)");
    assertTrue(inner >= 0 && outerFrame > inner, String.join("\n", frames));
  }
}
