package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue #7's second hunt, continued: control flow inside switch-expression block arms whose
 * statements await (loops with break and continue, labelled blocks, try/catch/finally that a yield
 * leaves, nested switch expressions, a yield from inside a loop), and for-each over arrays reached
 * through fields of other objects, each compared with the synchronous run of the same code.
 */
class QaSwitchArmsControlFlowTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class SA {\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  static final class Holder {\n"
          + "    char[] chars = {'m', 'n'};\n"
          + "    static long[] longs = {1L, 2L};\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> controlFlowInArms(List<String> log, int n, int k) {\n"
          + "    int v = log(log, \"before\", 1) + switch (k) {\n"
          + "      case 0 -> {\n"
          + "        int acc = 0;\n"
          + "        for (int i = 0; i < 5; i++) {\n"
          + "          if (i == 1) continue;\n"
          + "          if (i == 3) break;\n"
          + "          acc += Await.of(pd(n, i + 10));\n"
          + "        }\n"
          + "        yield acc;\n"
          + "      }\n"
          + "      case 1 -> {\n"
          + "        int j = 0;\n"
          + "        while (true) {\n"
          + "          j += Await.of(pd(n + j, 2));\n"
          + "          if (j > 5) yield j * 100;\n"
          + "        }\n"
          + "      }\n"
          + "      case 2 -> {\n"
          + "        try {\n"
          + "          if (n == 1) throw new IllegalStateException(\"x\");\n"
          + "          yield Await.of(pd(n, 7));\n"
          + "        } catch (IllegalStateException e) {\n"
          + "          yield -Await.of(pd(n, 7));\n"
          + "        } finally {\n"
          + "          log.add(\"finally \" + Await.of(pd(n, \"f\")));\n"
          + "        }\n"
          + "      }\n"
          + "      case 3 -> {\n"
          + "        int r = 0;\n"
          + "        done: {\n"
          + "          r += Await.of(pd(n, 1));\n"
          + "          if (n == 0) break done;\n"
          + "          r += 10;\n"
          + "        }\n"
          + "        yield r + switch (Await.of(pd(n, \"s\"))) {\n"
          + "          case \"s\" -> {\n"
          + "            log.add(\"inner\");\n"
          + "            yield Await.of(pd(n, 1000));\n"
          + "          }\n"
          + "          default -> 0;\n"
          + "        };\n"
          + "      }\n"
          + "      default -> {\n"
          + "        int m = 0;\n"
          + "        do {\n"
          + "          m += Await.of(pd(m, 3));\n"
          + "        } while (m < 9);\n"
          + "        yield m;\n"
          + "      }\n"
          + "    };\n"
          + "    return Coroutine.of(\"v=\" + v);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> arraysThroughFields(List<String> log, int n, int k) {\n"
          + "    Holder h = new Holder();\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    for (char c : h.chars) {\n"
          + "      sb.append(c).append(Await.of(pd(n + k, '.')));\n"
          + "      h.chars[1] = 'N';\n"
          + "    }\n"
          + "    long s = 0;\n"
          + "    for (long w : Holder.longs) {\n"
          + "      s += w * Await.of(pd(n, 3));\n"
          + "      Holder.longs[1] = 5L;\n"
          + "    }\n"
          + "    Holder.longs[1] = 2L;\n"
          + "    int len = h.chars.length + Await.of(pd(n, 0));\n"
          + "    return Coroutine.of(sb + \" \" + s + \" \" + len);\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "SA"));
  }

  @ParameterizedTest
  @CsvSource({"0,0", "1,0", "0,1", "1,1", "0,2", "1,2", "0,3", "1,3", "0,4", "1,4"})
  void loopsLabelledBlocksTryAndNestedSwitchesInsideSwitchExpressionArms(int n, int k) {
    Harness.assertSameAsSync(compiled, "SA", "controlFlowInArms", n, k);
  }

  @ParameterizedTest
  @CsvSource({"0,0", "1,0"})
  void enhancedForOverArraysReachedThroughFields(int n, int k) {
    Harness.assertSameAsSync(compiled, "SA", "arraysThroughFields", n, k);
  }
}
