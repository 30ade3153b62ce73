package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adversarial combinations of constructs that other tests check one at a time (issue #3), each
 * compared with the synchronous run of the same code: side-effect order, result and exception.
 */
class QaResourcesAndHostsTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "@SuppressWarnings(\"try\")\n"
          + "public final class Q2 {\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  static int bonus = 3;\n"
          + "  @Async\n"
          + "  static Coroutine<Integer> twice(int x) {\n"
          + "    return Coroutine.of(Await.of(pd(x, x)) * 2);\n"
          + "  }\n"
          + "  static final class Res implements AutoCloseable {\n"
          + "    final List<String> log;\n"
          + "    final String name;\n"
          + "    final int mode;\n"
          + "    Res(List<String> log, String name, int mode) {\n"
          + "      this.log = log;\n"
          + "      this.name = name;\n"
          + "      this.mode = mode;\n"
          + "      log.add(\"open \" + name);\n"
          + "      if (mode == 2) throw new IllegalStateException(\"open \" + name);\n"
          + "    }\n"
          + "    @Override public void close() {\n"
          + "      log.add(\"close \" + name);\n"
          + "      if (mode == 1) throw new IllegalStateException(\"close \" + name);\n"
          + "    }\n"
          + "  }\n"
          + "  static String why(Throwable t) {\n"
          + "    StringBuilder sb = new StringBuilder(t.getClass().getSimpleName());\n"
          + "    sb.append(':').append(t.getMessage());\n"
          + "    for (Throwable s : t.getSuppressed()) sb.append(\" +\").append(why(s));\n"
          + "    return sb.toString();\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> resources(List<String> log, int n) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    outer:\n"
          + "    for (int i = 0; i < 3; i++) {\n"
          + "      try (Res a = new Res(log, \"a\" + i, n == 1 && i == 1 ? 1 : 0);\n"
          + "          Res b = new Res(log, Await.of(pd(i, \"b\" + i)), n == 2 && i == 0 ? 1\n"
          + "              : n == 5 && i == 1 ? 2 : 0)) {\n"
          + "        try (Res c =\n"
          + "            n == 8 ? null\n"
          + "                : new Res(log, \"c\" + Await.of(pd(i + 1, i)), n == 3 ? 1 : 0)) {\n"
          + "          sb.append(Await.of(i == n - 3\n"
          + "              ? H.<String>pfail(new IllegalArgumentException(\"body\" + i))\n"
          + "              : pd(i, \"x\")));\n"
          + "          if (n == 4 && i == 1) continue outer;\n"
          + "          if (n == 6 && i == 2) break;\n"
          + "          if (n == 7 && i == 1) return Coroutine.of(\"ret \" + sb);\n"
          + "        } finally {\n"
          + "          log.add(\"inner finally \" + Await.of(pd(i, i)));\n"
          + "        }\n"
          + "        sb.append(Await.of(d(\";\")));\n"
          + "      } catch (RuntimeException e) {\n"
          + "        log.add(\"caught \" + why(e));\n"
          + "        if (Await.of(pd(i, i == 2 && n != 2))) break outer;\n"
          + "      }\n"
          + "    }\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "  abstract static class Base<T extends Number> {\n"
          + "    int field = 1;\n"
          + "    final List<String> log;\n"
          + "    Base(List<String> log) { this.log = log; }\n"
          + "    int helper(int x) {\n"
          + "      log.add(\"helper \" + x);\n"
          + "      return x * 2;\n"
          + "    }\n"
          + "    @Async\n"
          + "    Coroutine<Long> sum(T[] xs, int depth) {\n"
          + "      long s = field;\n"
          + "      for (T x : xs) {\n"
          + "        s += Await.of(pd(x.intValue(), x)).longValue() + helper(x.intValue());\n"
          + "      }\n"
          + "      if (depth > 0) {\n"
          + "        s += Await.of(sum(xs, depth - 1)) * 10;\n"
          + "        s += Await.of(this.sum(xs, depth - 1));\n"
          + "      }\n"
          + "      field += (int) s + bonus + Await.of(twice(depth));\n"
          + "      log.add(\"sum \" + depth + \" \" + s);\n"
          + "      return Coroutine.of(s);\n"
          + "    }\n"
          + "    @Async\n"
          + "    Coroutine<String> show(T x) {\n"
          + "      int field = Await.of(pd(x.intValue(), 7));\n"
          + "      String r = \"x\" + Await.of(pd(x.intValue(), x)) + field + this.field;\n"
          + "      r += super.hashCode() == System.identityHashCode(this);\n"
          + "      return Coroutine.of(r + helper(field));\n"
          + "    }\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> instances(List<String> log, int n) {\n"
          + "    Base<Integer> b = MAKE;\n"
          + "    Integer[] xs = {n, n + 1};\n"
          + "    long s = Await.of(b.sum(xs, n % 3));\n"
          + "    return Coroutine.of(s + \" \" + b.field + \" \" + Await.of(b.show(n)));\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled =
        Harness.compile(
            Harness.HELPERS,
            SOURCE.replace("MAKE", "new Q2_BaseAsync<Integer>(log)"),
            Harness.reference(SOURCE.replace("MAKE", "new Base<Integer>(log) {}"), "Q2"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
  void resources(int n) {
    Harness.assertSameAsSync(compiled, "Q2", "resources", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 4})
  void instances(int n) {
    Harness.assertSameAsSync(compiled, "Q2", "instances", n);
  }
}
