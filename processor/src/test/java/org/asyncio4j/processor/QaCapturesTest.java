package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adversarial combinations of constructs that other tests check one at a time (issue #3), each
 * compared with the synchronous run of the same code: side-effect order, result and exception.
 */
class QaCapturesTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import java.util.function.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class Q9 {\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  static List<? extends Number> nums(List<String> log, int n) {\n"
          + "    log.add(\"nums\");\n"
          + "    return n == 0 ? List.of(1, 2.5) : List.of(3L, 4);\n"
          + "  }\n"
          + "  static String f(int a, String b, int c) { return a + b + c; }\n"
          + "  @Async\n"
          + "  static Coroutine<String> capturesAndReceivers(List<String> log, int n) {\n"
          + "    double x = nums(log, n).get(Await.of(pd(n, 0))).doubleValue()\n"
          + "        + nums(log, n + 1).get(1).intValue() * Await.of(pd(n, 2));\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    Supplier<String> ref = sb.append(x)::toString;\n"
          + "    sb.append(Await.of(pd(n, \"|\")));\n"
          + "    String seen = ref.get();\n"
          + "    int loc = Await.of(pd(n, 5));\n"
          + "    Object anon = new Object() {\n"
          + "      final int twice = loc * 2;\n"
          + "      @Override public String toString() { return \"anon\" + loc + twice; }\n"
          + "    };\n"
          + "    int i = n;\n"
          + "    String g = f(i++, switch (i) {\n"
          + "      case 1 -> Await.of(pd(n, \"one\" + i));\n"
          + "      default -> \"d\" + i++;\n"
          + "    }, i);\n"
          + "    int w = 0;\n"
          + "    while (w < 10 && Await.of(pd(w, w++)) < 3 || w == 5) {\n"
          + "      log.add(\"w \" + w);\n"
          + "    }\n"
          + "    double dd = 10;\n"
          + "    dd /= Await.of(pd(n, 4));\n"
          + "    long big = 1L << 40;\n"
          + "    big *= Await.of(pd(n, 3));\n"
          + "    int narrowed = (int) big + Await.of(pd(n, 1));\n"
          + "    return Coroutine.of(seen + anon + g + w + dd + big + narrowed);\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "Q9"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void capturesAndReceivers(int n) {
    Harness.assertSameAsSync(compiled, "Q9", "capturesAndReceivers", n);
  }
}
