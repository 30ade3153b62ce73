package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adversarial combinations of constructs that other tests check one at a time (issue #3), each
 * compared with the synchronous run of the same code: side-effect order, result and exception.
 */
class QaHygieneTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class Q7 {\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  interface Api {\n"
          + "    String NAME = \"api\";\n"
          + "    final class Impl {\n"
          + "      static int hits = 2;\n"
          + "      @Async\n"
          + "      static Coroutine<String> call(List<String> log, int n) {\n"
          + "        String r = NAME + hits;\n"
          + "        {\n"
          + "          int hits = Await.of(pd(n, 40));\n"
          + "          r += hits;\n"
          + "        }\n"
          + "        r += hits + NAME;\n"
          + "        {\n"
          + "          String NAME = \"local\" + Await.of(pd(n, n));\n"
          + "          r += NAME;\n"
          + "        }\n"
          + "        return Coroutine.of(r + NAME + hits);\n"
          + "      }\n"
          + "    }\n"
          + "  }\n"
          + "  abstract static class Counter {\n"
          + "    int count = 10;\n"
          + "    String label = \"L\";\n"
          + "    @Async\n"
          + "    Coroutine<String> run(List<String> log, int n) {\n"
          + "      String r = \"\";\n"
          + "      for (int i = 0; i < 2; i++) {\n"
          + "        int count = Await.of(pd(i, i * 100));\n"
          + "        r += count;\n"
          + "      }\n"
          + "      r += count;\n"
          + "      count += Await.of(pd(n, 5));\n"
          + "      this.count++;\n"
          + "      {\n"
          + "        String label = Await.of(pd(n, \"inner\"));\n"
          + "        r += label;\n"
          + "      }\n"
          + "      r += label;\n"
          + "      r += Await.of(Api.Impl.call(log, n));\n"
          + "      return Coroutine.of(r + count);\n"
          + "    }\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> hosts(List<String> log, int n) {\n"
          + "    Counter c = MAKE;\n"
          + "    String r = Await.of(c.run(log, n));\n"
          + "    return Coroutine.of(r + Await.of(Api.Impl.call(log, n + 1)));\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled =
        Harness.compile(
            Harness.HELPERS,
            SOURCE.replace("MAKE", "new Q7_CounterAsync()"),
            Harness.reference(SOURCE.replace("MAKE", "new Counter() {}"), "Q7"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void hosts(int n) {
    Harness.assertSameAsSync(compiled, "Q7", "hosts", n);
  }
}
