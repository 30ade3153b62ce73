package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #7's second hunt, continued: enhanced for over arrays of every kind (captured loop
 * variables, labelled jumps, arrays from calls, nested arrays), element assignments and increments
 * whose array, index or right side awaits (where Java throws), and host members shadowing single
 * static imports, each compared with the synchronous run of the same code.
 */
class QaArraysAndImportsTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import java.util.function.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "import static java.lang.Math.PI;\n"
          + "import static java.lang.Math.abs;\n"
          + "import static java.lang.Math.*;\n"
          + "public final class AI {\n"
          + "  static final double PI = 3.0;\n"
          + "  static int abs(int v) { return -1000 - v; }\n"
          + "  static long max(long a, long b) { return a * 1000 + b; }\n"
          + "  static double E = 2.0;\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  static int[] made(List<String> log) { log.add(\"made\"); return new int[] {4, 5,"
          + " 6}; }\n"
          + "  @Async\n"
          + "  @SuppressWarnings({\"unchecked\", \"rawtypes\"})\n"
          + "  static Coroutine<String> arraysInEnhancedFor(List<String> log, int n) {\n"
          + "    List<IntSupplier> caps = new ArrayList<>();\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    long sum0 = 0;\n"
          + "    outer:\n"
          + "    for (int v : made(log)) {\n"
          + "      caps.add(() -> v * 10);\n"
          + "      for (char c : new char[] {'a', 'b', 'c'}) {\n"
          + "        if (c == 'b' && v == 5) continue outer;\n"
          + "        if (c == 'c' && v == 6 && n == 1) break outer;\n"
          + "        sb.append(c).append(Await.of(pd(n + v, v)));\n"
          + "      }\n"
          + "      sb.append('|');\n"
          + "    }\n"
          + "    char[][] rows = {{'p', 'q'}};\n"
          + "    for (char ch : rows[0]) {\n"
          + "      sb.append(ch).append(Await.of(pd(n, '.')));\n"
          + "      rows[0][1] = 'Q';\n"
          + "    }\n"
          + "    for (long w : rows[0]) sum0 += w + Await.of(pd(n, 1));\n"
          + "    int[][] grid = {{1, 2}, {3}};\n"
          + "    for (int[] row : grid) {\n"
          + "      for (var cell : row) sb.append(cell + Await.of(pd(n, 0)));\n"
          + "      grid[1] = new int[] {9, 9};\n"
          + "    }\n"
          + "    List<String>[] lists = new List[] {List.of(\"x\"), List.of(\"y\", \"z\")};\n"
          + "    for (List<String> l : lists) sb.append(l.size() + Await.of(pd(n, l.get(0))));\n"
          + "    Integer[] boxed = {1, null, 3};\n"
          + "    try {\n"
          + "      for (int b : boxed) sb.append(b * Await.of(pd(n, 2)));\n"
          + "    } catch (NullPointerException e) {\n"
          + "      sb.append(\"npe\");\n"
          + "    }\n"
          + "    long sum = 0;\n"
          + "    for (long w : new int[] {7, 8}) sum += w * Await.of(pd(n, 1L));\n"
          + "    StringBuilder c2 = new StringBuilder();\n"
          + "    for (IntSupplier s : caps) c2.append(s.getAsInt()).append(',');\n"
          + "    return Coroutine.of(sb + \" \" + sum + \" \" + sum0 + \" \" + c2);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> elementAssignments(List<String> log, int n, int which) {\n"
          + "    int[] a = which == 0 ? null : new int[2];\n"
          + "    int idx = which == 1 ? 9 : 1;\n"
          + "    String r = \"\";\n"
          + "    try {\n"
          + "      a[log(log, \"idx\", idx)] = Await.of(pd(n, log(log, \"rhs\", 5)));\n"
          + "      r += a[1];\n"
          + "    } catch (RuntimeException e) {\n"
          + "      log.add(e.getClass().getSimpleName());\n"
          + "    }\n"
          + "    try {\n"
          + "      int v = a[Await.of(pd(n, idx))]++ + ++a[Await.of(pd(n + 1, idx))];\n"
          + "      r += v + \"/\" + a[idx];\n"
          + "    } catch (RuntimeException e) {\n"
          + "      log.add(e.getClass().getSimpleName());\n"
          + "    }\n"
          + "    Object[] objs = new String[1];\n"
          + "    try {\n"
          + "      objs[log(log, \"o\", 0)] = Await.of(pd(n, (Object) Integer.valueOf(which)));\n"
          + "    } catch (ArrayStoreException e) {\n"
          + "      log.add(\"ASE\");\n"
          + "    }\n"
          + "    return Coroutine.of(r + Arrays.toString(a));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> hostMembersOverStaticImports(List<String> log, int n) {\n"
          + "    double area = PI * Await.of(pd(n, 2.0));\n"
          + "    int m = abs(Await.of(pd(n, -5)));\n"
          + "    long mx = max(Await.of(pd(n, 3)), 4) + max(1, 2);\n"
          + "    double e = E * Await.of(pd(n, 1.0)) + min(1, 2) + floorMod(-7, 3);\n"
          + "    Supplier<String> s = () -> PI + \"/\" + abs(3);\n"
          + "    double local = 0;\n"
          + "    {\n"
          + "      double PI = 1.5;\n"
          + "      local = PI + Await.of(pd(n, 1.0));\n"
          + "    }\n"
          + "    return Coroutine.of(area + \" \" + m + \" \" + mx + \" \" + e + \" \""
          + " + s.get() + \" \" + local"
          + " + \" \" + Math.abs(-2));\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "AI"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void enhancedForOverArraysOfEveryKind(int n) {
    Harness.assertSameAsSync(compiled, "AI", "arraysInEnhancedFor", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void elementAssignmentsAndIncrementsThrowWhereJavaThrows(int which) {
    Harness.assertSameAsSync(compiled, "AI", "elementAssignments", 0, which);
    Harness.assertSameAsSync(compiled, "AI", "elementAssignments", 1, which);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void hostMembersWinOverSingleStaticImports(int n) {
    Harness.assertSameAsSync(compiled, "AI", "hostMembersOverStaticImports", n);
  }
}
