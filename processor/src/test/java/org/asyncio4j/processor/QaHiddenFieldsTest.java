package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adversarial combinations of constructs that other tests check one at a time (issue #3), each
 * compared with the synchronous run of the same code: side-effect order, result and exception.
 */
class QaHiddenFieldsTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import java.util.function.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class Q11 {\n"
          + "  static int count = 100;\n"
          + "  static int[] cells = {1, 2};\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  @Async\n"
          + "  static Coroutine<String> hiddenFieldsInEveryPosition(List<String> log, int n) {\n"
          + "    count = 100;\n"
          + "    cells = new int[] {1, 2};\n"
          + "    String r = \"\";\n"
          + "    for (int i = 0; i < 2; i++) {\n"
          + "      int count = Await.of(pd(i, i));\n"
          + "      int[] cells = {count};\n"
          + "      r += count + \"\" + cells[0];\n"
          + "    }\n"
          + "    count += Await.of(pd(n, 5));\n"
          + "    count++;\n"
          + "    cells[Await.of(pd(n, 1))] += count;\n"
          + "    int[] local = {3, 4};\n"
          + "    local[Await.of(pd(n, 0))] *= local[1]--;\n"
          + "    (n == 1 ? local : cells)[Await.of(pd(n, 0))] -= 7;\n"
          + "    r += Arrays.toString(local);\n"
          + "    Supplier<String> s = () -> count + \"/\" + cells.length;\n"
          + "    r += s.get();\n"
          + "    int x = count + Await.of(pd(n, count));\n"
          + "    switch (Await.of(pd(n, count % 3))) {\n"
          + "      case 0 -> r += \"zero\" + count;\n"
          + "      default -> r += \"other\" + cells[0];\n"
          + "    }\n"
          + "    return Coroutine.of(r + x + count + Arrays.toString(cells));\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "Q11"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void hiddenFieldsInEveryPosition(int n) {
    Harness.assertSameAsSync(compiled, "Q11", "hiddenFieldsInEveryPosition", n);
  }
}
