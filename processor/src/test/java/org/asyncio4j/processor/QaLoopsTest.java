package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adversarial combinations of constructs that other tests check one at a time (issue #3), each
 * compared with the synchronous run of the same code: side-effect order, result and exception.
 */
class QaLoopsTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import java.util.function.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class Q6 {\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  @Async\n"
          + "  static Coroutine<String> forEachSources(List<String> log, int n) {\n"
          + "    int[] arr = {1, 2, 3};\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    for (int x : arr) {\n"
          + "      arr = new int[] {9, 9, 9, 9};\n"
          + "      sb.append(Await.of(pd(x + n, x)));\n"
          + "    }\n"
          + "    int[] arr2 = {1, 2, 3};\n"
          + "    for (int x : arr2) {\n"
          + "      if (x < 3) arr2[x] = 10 * Await.of(pd(x, x));\n"
          + "      sb.append(x);\n"
          + "    }\n"
          + "    List<String> list = new ArrayList<>(List.of(\"a\", \"b\"));\n"
          + "    List<Supplier<String>> fs = new ArrayList<>();\n"
          + "    for (String s : list) {\n"
          + "      fs.add(() -> s);\n"
          + "      String t = Await.of(pd(n, s + \"!\"));\n"
          + "      fs.add(() -> s + t);\n"
          + "      if (n == 1) list = List.of(\"zzz\");\n"
          + "    }\n"
          + "    for (Supplier<String> f : fs) sb.append(f.get());\n"
          + "    int k = 0;\n"
          + "    do {\n"
          + "      k++;\n"
          + "      if (k % 2 == 0) continue;\n"
          + "      sb.append('k').append(k);\n"
          + "    } while (Await.of(pd(k, k)) < 5);\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "  static long widen(long v) { return v; }\n"
          + "  @Async\n"
          + "  static Coroutine<String> conditionalContexts(List<String> log, int n) {\n"
          + "    boolean a = n > 0;\n"
          + "    boolean b = n > 1;\n"
          + "    List<Object> objs = new ArrayList<>();\n"
          + "    objs.add(a ? Await.of(pd(n, 1)) : 6L);\n"
          + "    objs.add(\"x\" + (b ? Await.of(pd(n, 1)) : 2L));\n"
          + "    Object o = b ? Await.of(pd(n, 1)) : 6L;\n"
          + "    objs.add(o);\n"
          + "    long x = a ? (b ? Await.of(pd(n, 1)) : 6L) : 7L;\n"
          + "    objs.add(x);\n"
          + "    objs.add(widen(b ? Await.of(pd(n, 'c')) : 5));\n"
          + "    double dd = 0.5;\n"
          + "    dd *= a ? Await.of(pd(n, 3)) : 2.5f;\n"
          + "    objs.add(dd);\n"
          + "    char ch = 'a';\n"
          + "    objs.add(ch + (b ? Await.of(pd(n, 'b')) : ch));\n"
          + "    for (Object ob : objs) log.add(ob + \":\" + ob.getClass().getSimpleName());\n"
          + "    List<?>[][] lists =\n"
          + "        {{List.of(n), Await.of(pd(n, List.of(\"a\")))}, {Await.of(pd(n, objs))}};\n"
          + "    log.add(Arrays.deepToString(lists));\n"
          + "    return Coroutine.of(objs.toString());\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> assertsAndExistingResources(List<String> log, int n) {\n"
          + "    AutoCloseable res = () -> log.add(\"closed\");\n"
          + "    try (res) {\n"
          + "      log.add(\"body \" + Await.of(pd(n, n)));\n"
          + "      if (n == 1) throw new IllegalStateException(\"body\");\n"
          + "    } catch (Exception e) {\n"
          + "      log.add(\"caught \" + e.getMessage());\n"
          + "    }\n"
          + "    return Coroutine.of(\"ok\");\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "Q6"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void forEachSources(int n) {
    Harness.assertSameAsSync(compiled, "Q6", "forEachSources", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void conditionalContexts(int n) {
    Harness.assertSameAsSync(compiled, "Q6", "conditionalContexts", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void assertsAndExistingResources(int n) {
    Harness.assertSameAsSync(compiled, "Q6", "assertsAndExistingResources", n);
  }
}
