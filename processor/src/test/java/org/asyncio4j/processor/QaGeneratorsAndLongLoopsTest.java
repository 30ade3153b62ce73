package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Async generators with nested try/finally closed early by consumers in nested labelled loops, and
 * a 10-million-iteration loop with several awaits on done values inside one expression; expected
 * values computed by the same loops written in plain Java.
 */
class QaGeneratorsAndLongLoopsTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class G {\n"
          + "  @Async\n"
          + "  static AsyncGenerator<Integer> gen(List<String> log, int n) {\n"
          + "    try {\n"
          + "      for (int i = 0; i < n; i++) {\n"
          + "        try {\n"
          + "          Yield.of(Await.of(i % 2 == 0 ? p(i) : d(i)));\n"
          + "        } finally {\n"
          + "          log.add(\"g-finally \" + i);\n"
          + "        }\n"
          + "      }\n"
          + "    } finally {\n"
          + "      log.add(\"gen-close \" + Await.of(p(\"x\")));\n"
          + "    }\n"
          + "    return AsyncGenerator.end();\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> consume(List<String> log) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    outer:\n"
          + "    for (int r = 0; r < 3; r++) {\n"
          + "      for (int a = 0; a < 2; a++) {\n"
          + "        for (int v : Await.each(gen(log, 4))) {\n"
          + "          sb.append(Await.of(d(v)));\n"
          + "          if (v == r) {\n"
          + "            if (a == 0) break;\n"
          + "            continue outer;\n"
          + "          }\n"
          + "        }\n"
          + "        sb.append('/');\n"
          + "      }\n"
          + "      sb.append('|');\n"
          + "    }\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Long> nested(int n) {\n"
          + "    long sum = 0;\n"
          + "    int k = 0;\n"
          + "    for (int i = 0; i < n; i++) {\n"
          + "      sum += Await.of(Coroutine.of(i)) + (i % 7 == 0\n"
          + "          ? Await.of(Coroutine.of(k++)) * Await.of(Coroutine.of(2L))\n"
          + "          : Math.max(Await.of(Coroutine.of(1)), k % 3));\n"
          + "    }\n"
          + "    return Coroutine.of(sum + k);\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE);
  }

  @Test
  void generatorsClosedByBreakAndContinueOuterRunTheirFinallies() {
    List<String> log = new ArrayList<>();
    Object result = compiled.run("t.GAsync", "consume", log);
    List<String> expectedLog = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    outer:
    for (int r = 0; r < 3; r++) {
      for (int a = 0; a < 2; a++) {
        for (int v = 0; v < 4; v++) {
          sb.append(v);
          if (v == r) {
            expectedLog.add("g-finally " + v);
            expectedLog.add("gen-close x");
            if (a == 0) {
              break;
            }
            continue outer;
          }
          expectedLog.add("g-finally " + v);
        }
        sb.append('/');
      }
      sb.append('|');
    }
    assertEquals(sb.toString(), result);
    assertEquals(expectedLog, log);
  }

  @Test
  void tenMillionIterationsWithSeveralDoneAwaitsInOneExpression() {
    int n = 10_000_000;
    long sum = 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
      sum += i + (i % 7 == 0 ? k++ * 2L : Math.max(1, k % 3));
    }
    assertEquals(sum + k, compiled.run("t.GAsync", "nested", n));
  }
}
