package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adversarial combinations of constructs that other tests check one at a time (issue #3), each
 * compared with the synchronous run of the same code: side-effect order, result and exception.
 */
class QaScopesAndFinallyTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import java.util.function.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "@SuppressWarnings(\"fallthrough\")\n"
          + "public final class Q5 {\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  static long sum(long a, long b) { return a + b; }\n"
          + "  @Async\n"
          + "  static Coroutine<String> caseScopes(List<String> log, int n) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    for (int k = 0; k < 3; k++) {\n"
          + "      switch ((k + n) % 3) {\n"
          + "        case 0:\n"
          + "          int q = Await.of(pd(k, 10 + k));\n"
          + "          String w = \"w\" + q;\n"
          + "          sb.append(w);\n"
          + "        case 1:\n"
          + "          q = Await.of(pd(k + 1, 20));\n"
          + "          w = \"v\";\n"
          + "          sb.append(q).append(w);\n"
          + "          break;\n"
          + "        default:\n"
          + "          q = 30;\n"
          + "          sb.append(q + Await.of(pd(k, 1)));\n"
          + "      }\n"
          + "    }\n"
          + "    blk:\n"
          + "    {\n"
          + "      if (Await.of(pd(n, n == 1))) break blk;\n"
          + "      sb.append(\"inblock\");\n"
          + "    }\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Integer> returnsBeforeFinally(List<String> log, int n) {\n"
          + "    int r = 1;\n"
          + "    try {\n"
          + "      if (n == 0) return Coroutine.of(r);\n"
          + "      if (n == 1) return Coroutine.of(r + Await.of(pd(n, 10)));\n"
          + "      r = Await.of(pd(n, 2));\n"
          + "      if (n == 2) throw new IllegalStateException(\"two\");\n"
          + "      return Coroutine.of(r * 100);\n"
          + "    } catch (IllegalStateException e) {\n"
          + "      log.add(\"caught \" + e.getMessage());\n"
          + "      e = new IllegalStateException(\"replaced\" + Await.of(pd(n, r)));\n"
          + "      r += 1000;\n"
          + "      throw e;\n"
          + "    } finally {\n"
          + "      r = Await.of(pd(n, 5));\n"
          + "      log.add(\"finally r=\" + r);\n"
          + "    }\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> switchExpressionsWithFinally(List<String> log, int n) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    for (int k = 0; k < 4; k++) {\n"
          + "      String s = switch (k) {\n"
          + "        case 1 -> {\n"
          + "          try {\n"
          + "            if (n == 1) throw new IllegalArgumentException(\"arm\");\n"
          + "            yield Await.of(pd(k + n, \"one\"));\n"
          + "          } catch (IllegalArgumentException e) {\n"
          + "            yield \"caught\" + Await.of(pd(n, e.getMessage()));\n"
          + "          } finally {\n"
          + "            log.add(\"arm finally \" + Await.of(pd(k, k)));\n"
          + "          }\n"
          + "        }\n"
          + "        case 2 -> {\n"
          + "          for (int i = 0; ; i++) {\n"
          + "            if (Await.of(pd(i, i)) == n + 1) yield \"loop\" + i;\n"
          + "          }\n"
          + "        }\n"
          + "        default -> \"d\" + k;\n"
          + "      };\n"
          + "      sb.append(s).append(sum(k > 1 ? Await.of(pd(n, 1)) : 2L, 1L)).append(';');\n"
          + "      long acc = 3;\n"
          + "      acc += k > 2 ? Await.of(pd(k, 4)) : 6L;\n"
          + "      sb.append(acc);\n"
          + "    }\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> returnSwitchWithFinally(List<String> log, int n) {\n"
          + "    return Coroutine.of(switch (n) {\n"
          + "      case 0, 1 -> {\n"
          + "        try {\n"
          + "          if (n == 0) yield \"zero\";\n"
          + "          yield \"one\" + Await.of(pd(n, 1));\n"
          + "        } finally {\n"
          + "          log.add(\"finally \" + Await.of(pd(n, n)));\n"
          + "        }\n"
          + "      }\n"
          + "      default -> {\n"
          + "        try {\n"
          + "          try {\n"
          + "            if (n == 2) yield \"two\";\n"
          + "            yield Await.of(pd(n, \"other\"));\n"
          + "          } finally {\n"
          + "            log.add(\"inner \" + n);\n"
          + "            if (n == 3) throw new IllegalStateException(\"three\");\n"
          + "          }\n"
          + "        } catch (IllegalStateException e) {\n"
          + "          yield \"caught \" + Await.of(pd(n, e.getMessage()));\n"
          + "        } finally {\n"
          + "          log.add(\"outer \" + n);\n"
          + "        }\n"
          + "      }\n"
          + "    });\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> lambdasAndLocalClasses(List<String> log, int n) {\n"
          + "    List<Supplier<String>> fs = new ArrayList<>();\n"
          + "    {\n"
          + "      String x = \"str\" + n;\n"
          + "      fs.add(() -> x);\n"
          + "      String y = Await.of(pd(n, \"y\"));\n"
          + "      fs.add(() -> x + y);\n"
          + "    }\n"
          + "    {\n"
          + "      int x = Await.of(pd(n + 1, 42));\n"
          + "      fs.add(() -> \"int\" + x);\n"
          + "      long y = x + Await.of(pd(n, 1L));\n"
          + "      fs.add(() -> \"long\" + y);\n"
          + "    }\n"
          + "    int base = Await.of(pd(n, 7));\n"
          + "    class Local implements Supplier<String> {\n"
          + "      final int k;\n"
          + "      Local(int k) { this.k = k; }\n"
          + "      @Override public String get() { return \"L\" + (k + base); }\n"
          + "    }\n"
          + "    Supplier<String> a = new Local(1);\n"
          + "    int more = Await.of(pd(n, 3));\n"
          + "    Supplier<String> b = new Local(more);\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    for (Supplier<String> f : fs) sb.append(f.get()).append(',');\n"
          + "    return Coroutine.of(sb + a.get() + b.get());\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> finallyBreaksOutOfSwitch(List<String> log, int n) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    loop:\n"
          + "    for (int i = 0; i < 4; i++) {\n"
          + "      switch (i) {\n"
          + "        case 1:\n"
          + "          try {\n"
          + "            sb.append(Await.of(pd(i, \"t\")));\n"
          + "            throw new IllegalStateException(\"lost\");\n"
          + "          } finally {\n"
          + "            sb.append(Await.of(pd(n, \"f\")));\n"
          + "            if (n == 0) break;\n"
          + "            if (n == 1) continue loop;\n"
          + "          }\n"
          + "        case 2:\n"
          + "          try {\n"
          + "            try {\n"
          + "              Await.of(H.<Integer>pfail(new IllegalArgumentException(\"x\" + i)));\n"
          + "            } finally {\n"
          + "              sb.append(\"inner\");\n"
          + "              if (n == 2) throw new UnsupportedOperationException(\"from finally\");\n"
          + "            }\n"
          + "          } catch (IllegalArgumentException | UnsupportedOperationException e) {\n"
          + "            sb.append(e.getMessage()).append(e.getSuppressed().length);\n"
          + "          }\n"
          + "          break;\n"
          + "        default:\n"
          + "          sb.append(Await.of(pd(i, i)));\n"
          + "      }\n"
          + "      sb.append('|');\n"
          + "    }\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "Q5"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void caseScopes(int n) {
    Harness.assertSameAsSync(compiled, "Q5", "caseScopes", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void returnsBeforeFinally(int n) {
    Harness.assertSameAsSync(compiled, "Q5", "returnsBeforeFinally", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void switchExpressionsWithFinally(int n) {
    Harness.assertSameAsSync(compiled, "Q5", "switchExpressionsWithFinally", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void lambdasAndLocalClasses(int n) {
    Harness.assertSameAsSync(compiled, "Q5", "lambdasAndLocalClasses", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void returnSwitchWithFinally(int n) {
    Harness.assertSameAsSync(compiled, "Q5", "returnSwitchWithFinally", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void finallyBreaksOutOfSwitch(int n) {
    Harness.assertSameAsSync(compiled, "Q5", "finallyBreaksOutOfSwitch", n);
  }
}
