package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #7's second hunt, continued: static {@code @Async} methods in interfaces, enums and
 * records, a host's nested type shadowing a single-type import, bounded generic methods, and
 * awaits in array dimensions, thrown expressions, for-each iterables and nested conditionals, each
 * compared with the synchronous run of the same code.
 */
class QaHostKindsTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import java.util.AbstractMap.SimpleEntry;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class K {\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  static final class SimpleEntry<A, B> extends AbstractMap.SimpleEntry<A, B> {\n"
          + "    SimpleEntry(A a, B b) { super(a, b); }\n"
          + "    @Override public String toString() { return \"mine:\" + getKey(); }\n"
          + "  }\n"
          + "  static final class Process {\n"
          + "    final String name;\n"
          + "    Process(String name) { this.name = name; }\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> nestedTypeNamedLikeJavaLang(List<String> log, int n) {\n"
          + "    Process p = new Process(Await.of(pd(n, \"proc\")));\n"
          + "    List<Process> all = new ArrayList<>(List.of(p, new Process(\"b\")));\n"
          + "    return Coroutine.of(all.get(0).name + all.size() + Await.of(pd(n, p)).name);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> nestedTypeOverSingleTypeImport(List<String> log, int n) {\n"
          + "    SimpleEntry<String, Integer> e = new SimpleEntry<>(Await.of(pd(n, \"k\")), 1);\n"
          + "    Map.Entry<String, Integer> m = e;\n"
          + "    Object o = Await.of(pd(n, m));\n"
          + "    return Coroutine.of(e + \" \" + o + \" \" + (o instanceof SimpleEntry));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static <T extends Comparable<T>> Coroutine<T> maxOf(List<String> log, int n,"
          + " List<T> items) {\n"
          + "    T best = null;\n"
          + "    for (T item : items) {\n"
          + "      T seen = Await.of(pd(n, item));\n"
          + "      if (best == null || seen.compareTo(best) > 0) best = seen;\n"
          + "    }\n"
          + "    return Coroutine.of(best);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> boundedGenerics(List<String> log, int n) {\n"
          + "    String s = Await.of(maxOf(log, n, List.of(\"b\", \"c\", \"a\")));\n"
          + "    Integer i = Await.of(maxOf(log, n + 1, List.of(3, 9, 2)));\n"
          + "    return Coroutine.of(s + i);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> awaitsInOddPositions(List<String> log, int n) {\n"
          + "    int[][] grid = new int[Await.of(pd(n, 2))][log(log, \"dim\", 3)];\n"
          + "    String r = grid.length + \"x\" + grid[0].length;\n"
          + "    for (String s : Await.of(pd(n, List.of(\"p\", \"q\")))) r += s;\n"
          + "    for (char c : Await.of(pd(n, \"xy\")).toCharArray()) r += c + Await.of(pd(n,"
          + " 1));\n"
          + "    boolean a = n == 0;\n"
          + "    int v = a ? (Await.of(pd(n, true)) ? 1 : 2) : Await.of(pd(n, 3));\n"
          + "    r += v;\n"
          + "    Integer big = 1000;\n"
          + "    r += (Await.of(pd(n, big)) == big);\n"
          + "    try {\n"
          + "      if (n >= 0) throw new IllegalStateException(Await.of(pd(n, \"thrown\")));\n"
          + "    } catch (IllegalStateException e) {\n"
          + "      r += e.getMessage();\n"
          + "    }\n"
          + "    return Coroutine.of(r);\n"
          + "  }\n"
          + "}\n";

  static final String OTHERS =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public interface Api {\n"
          + "  @Async\n"
          + "  static Coroutine<String> fromInterface(List<String> log, int n) {\n"
          + "    String a = Await.of(n % 2 == 0 ? p(\"i\") : d(\"i\"));\n"
          + "    return Coroutine.of(a + Color.GREEN.shade(log, n).hashCode() + Pair.twice(log,"
          + " n));\n"
          + "  }\n"
          + "  enum Color {\n"
          + "    RED, GREEN;\n"
          + "    @Async\n"
          + "    static Coroutine<String> pick(List<String> log, int n) {\n"
          + "      Color c = Await.of(n % 2 == 0 ? p(GREEN) : d(RED));\n"
          + "      return Coroutine.of(c.name() + c.ordinal() + values().length);\n"
          + "    }\n"
          + "    String shade(List<String> log, int n) { return name().toLowerCase(); }\n"
          + "  }\n"
          + "  record Pair(int a, int b) {\n"
          + "    @Async\n"
          + "    static Coroutine<String> sum(List<String> log, int n) {\n"
          + "      Pair p = new Pair(Await.of(n % 2 == 0 ? p(1) : d(1)), 2);\n"
          + "      return Coroutine.of(p + \"=\" + (p.a() + p.b()));\n"
          + "    }\n"
          + "    static int twice(List<String> log, int n) { return 2 * n; }\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled =
        Harness.compile(
            Harness.HELPERS,
            SOURCE,
            Harness.reference(SOURCE, "K"),
            OTHERS,
            Harness.reference(OTHERS, "Api").replace("interface Api ", "interface ApiRef "));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void nestedTypeOverASingleTypeImport(int n) {
    Harness.assertSameAsSync(compiled, "K", "nestedTypeOverSingleTypeImport", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void nestedTypeNamedLikeAJavaLangClass(int n) {
    Harness.assertSameAsSync(compiled, "K", "nestedTypeNamedLikeJavaLang", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void boundedGenericMethods(int n) {
    Harness.assertSameAsSync(compiled, "K", "boundedGenerics", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void awaitsInArrayDimensionsThrowsIterablesAndNestedConditionals(int n) {
    Harness.assertSameAsSync(compiled, "K", "awaitsInOddPositions", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void staticAsyncMethodsInInterfacesEnumsAndRecords(int n) {
    for (String[] m :
        new String[][] {
          {"t.ApiAsync", "t.ApiRef", "fromInterface"},
          {"t.Api_ColorAsync", "t.ApiRef$Color", "pick"},
          {"t.Api_PairAsync", "t.ApiRef$Pair", "sum"}
        }) {
      List<String> asyncLog = new ArrayList<>();
      List<String> syncLog = new ArrayList<>();
      String async = Harness.outcome(() -> compiled.run(m[0], m[2], asyncLog, n));
      String sync = Harness.outcome(() -> compiled.runSync(m[1], m[2], syncLog, n));
      assertEquals(sync + " " + syncLog, async + " " + asyncLog, m[2]);
      assertEquals(true, sync.startsWith("value "), sync);
    }
  }
}
