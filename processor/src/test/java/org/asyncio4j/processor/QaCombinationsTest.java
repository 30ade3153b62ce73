package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adversarial combinations of constructs that other tests check one at a time (issue #3), each
 * compared with the synchronous run of the same code: side-effect order, result and exception.
 */
class QaCombinationsTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import java.util.function.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "@SuppressWarnings(\"fallthrough\")\n"
          + "public final class Q {\n"
          + "  static int field = 100;\n"
          + "  static String name = \"field\";\n"
          + "  static <X> Coroutine<X> maybe(int n, int when, X v) {\n"
          + "    if (n == when) return H.pfail(new IllegalStateException(\"fail\" + n));\n"
          + "    if (n == -when) return H.fail(new IllegalArgumentException(\"bad\" + n));\n"
          + "    return n % 2 == 0 ? p(v) : d(v);\n"
          + "  }\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  @Async\n"
          + "  static Coroutine<String> deepFinally(List<String> log, int n) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    outer:\n"
          + "    for (int i = 0; i < 4; i++) {\n"
          + "      inner:\n"
          + "      for (int j = 0; j < 3; j++) {\n"
          + "        try {\n"
          + "          try {\n"
          + "            try {\n"
          + "              sb.append(Await.of(maybe(i * 3 + j, n, \"a\" + i + j)));\n"
          + "              if (j == 1 && i == 2) continue outer;\n"
          + "              if (i == 3 && j == 0) break inner;\n"
          + "            } catch (IllegalStateException e) {\n"
          + "              sb.append(\"C1\" + Await.of(pd(i, e.getMessage())));\n"
          + "              if (i == 1) continue;\n"
          + "              throw new IllegalArgumentException(\"re\" + i);\n"
          + "            } finally {\n"
          + "              sb.append(\"F1\" + Await.of(pd(j, j)));\n"
          + "              if (i == 0 && j == 2) break outer;\n"
          + "            }\n"
          + "            sb.append(Await.of(maybe(i + j, -n, \"m\")));\n"
          + "          } catch (IllegalArgumentException e) {\n"
          + "            log.add(\"C2 \" + e.getMessage());\n"
          + "            if (Await.of(pd(i, i > 1))) {\n"
          + "              return Coroutine.of(\"ret \" + sb + e.getMessage());\n"
          + "            }\n"
          + "          } finally {\n"
          + "            log.add(\"F2 \" + i + j + Await.of(pd(i + j, \"\")));\n"
          + "            if (n == 7 && i == 1) continue outer;\n"
          + "          }\n"
          + "        } finally {\n"
          + "          sb.append(';');\n"
          + "          if (n == 8 && j == 2) {\n"
          + "            Await.of(p(0));\n"
          + "            return Coroutine.of(\"f3 \" + sb);\n"
          + "          }\n"
          + "        }\n"
          + "      }\n"
          + "      sb.append('|');\n"
          + "    }\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> switchesInLoops(List<String> log, int n) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    loop:\n"
          + "    for (int i = 0; i < 6; i++) {\n"
          + "      switch ((i + n) % 5) {\n"
          + "        case 0:\n"
          + "          sb.append(Await.of(pd(i, \"zero\")));\n"
          + "        case 1:\n"
          + "          try {\n"
          + "            sb.append(Await.of(maybe(i, n, \"one\")));\n"
          + "            if (i == 4) break loop;\n"
          + "          } catch (IllegalStateException e) {\n"
          + "            sb.append(\"E\");\n"
          + "            break;\n"
          + "          } finally {\n"
          + "            sb.append(Await.of(pd(i + 1, \"f\")));\n"
          + "          }\n"
          + "        default:\n"
          + "          sb.append(\"d\");\n"
          + "          if (i == 2) continue;\n"
          + "        case 3: {\n"
          + "          String s = Await.of(pd(i, \"three\"));\n"
          + "          sb.append(s);\n"
          + "          break;\n"
          + "        }\n"
          + "        case 4:\n"
          + "          sb.append(switch (Await.of(pd(i, i % 3))) {\n"
          + "            case 0 -> Await.of(p(\"x\"));\n"
          + "            case 1 -> {\n"
          + "              try {\n"
          + "                yield \"y\" + Await.of(maybe(i, 3 + n, \"!\"));\n"
          + "              } catch (RuntimeException e) {\n"
          + "                yield \"Y\";\n"
          + "              }\n"
          + "            }\n"
          + "            default -> \"z\";\n"
          + "          });\n"
          + "      }\n"
          + "      sb.append(',');\n"
          + "    }\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "  static String t(List<String> log, String s) { log.add(s); return s; }\n"
          + "  static int ti(List<String> log, String s, int v) { log.add(s + v); return v; }\n"
          + "  @Async\n"
          + "  static Coroutine<String> operands(List<String> log, int n) {\n"
          + "    int i = n;\n"
          + "    int[] arr = {10, 20, 30, 40, 50};\n"
          + "    int r = ti(log, \"a\", i++)\n"
          + "        + Await.of(pd(i, i++)) * arr[Await.of(pd(i, i++)) % 5]\n"
          + "        - ti(log, \"b\", ++i) + (Await.of(pd(n, i)) << Await.of(d(i++ % 3)));\n"
          + "    log.add(\"r=\" + r + \" i=\" + i);\n"
          + "    int[][] grid =\n"
          + "        new int[][] {{Await.of(pd(i, i++)), i++}, {i++, Await.of(p(i))}};\n"
          + "    log.add(Arrays.deepToString(grid));\n"
          + "    Object[] objs = {t(log, \"x\"), Await.of(pd(n, \"y\")), t(log, \"z\")};\n"
          + "    log.add(Arrays.toString(objs));\n"
          + "    long big = Integer.MAX_VALUE;\n"
          + "    char c = 'c';\n"
          + "    String s = c + Await.of(pd(n, 1)) + \"s\" + c + big + Await.of(d(1L))\n"
          + "        + (char) (c + Await.of(p(1)));\n"
          + "    log.add(s);\n"
          + "    int ov = Integer.MAX_VALUE;\n"
          + "    ov += Await.of(pd(n, 1));\n"
          + "    log.add(\"ov=\" + ov + \" \" + (Await.of(pd(n, Integer.MIN_VALUE)) - 1));\n"
          + "    arr[i % 5] += Await.of(pd(n, arr[i++ % 5]++));\n"
          + "    arr[Await.of(pd(n, 1))] = arr[1] + Await.of(d(arr[1]));\n"
          + "    return Coroutine.of(Arrays.toString(arr) + i);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> narrowing(List<String> log, int n) {\n"
          + "    byte b = 120;\n"
          + "    b += Await.of(pd(n, 10));\n"
          + "    short sh = 32000;\n"
          + "    sh *= Await.of(pd(n + 1, 3));\n"
          + "    char ch = 'y';\n"
          + "    ch += Await.of(pd(n, 3));\n"
          + "    long l = Long.MAX_VALUE;\n"
          + "    l += Await.of(pd(n, 1));\n"
          + "    int x = 7;\n"
          + "    x /= Await.of(pd(n, 2.5));\n"
          + "    double dd = 1;\n"
          + "    dd -= Await.of(pd(n, 1L << 60));\n"
          + "    float f = 0.1f;\n"
          + "    f += Await.of(pd(n, 0.2));\n"
          + "    String str = \"s\";\n"
          + "    str += Await.of(pd(n, 'c'));\n"
          + "    str += Await.of(pd(n, 1)) + 2;\n"
          + "    str += 'a' + Await.of(pd(n, 1));\n"
          + "    Integer boxed = 5;\n"
          + "    boxed += Await.of(pd(n, 2));\n"
          + "    boxed++;\n"
          + "    b >>= Await.of(pd(n, 1));\n"
          + "    ch--;\n"
          + "    int sh2 = -17;\n"
          + "    sh2 >>>= Await.of(pd(n, 28L));\n"
          + "    return Coroutine.of(b + \" \" + sh + \" \" + ch + \" \" + l + \" \" + x\n"
          + "        + \" \" + dd + \" \" + f\n"
          + "        + \" \" + str + \" \" + boxed + \" \" + sh2);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> boxingTernary(List<String> log, int n) {\n"
          + "    Integer none = null;\n"
          + "    Integer some = 3;\n"
          + "    boolean cond = Await.of(pd(n, n > 1));\n"
          + "    int a = cond ? Await.of(pd(n, some)) : 7;\n"
          + "    log.add(\"a=\" + a);\n"
          + "    Integer b = n == 3 ? Await.of(pd(n, none)) : Integer.valueOf(1);\n"
          + "    log.add(\"b=\" + b);\n"
          + "    Object o = n > 0 ? Await.of(pd(n, 1)) : Await.of(pd(n, 2.0));\n"
          + "    log.add(\"o=\" + o);\n"
          + "    long lg = n > 1 ? Await.of(pd(n, 5)) : 6L;\n"
          + "    log.add(\"lg=\" + lg);\n"
          + "    try {\n"
          + "      int c = cond ? Await.of(pd(n, none)) : 2;\n"
          + "      return Coroutine.of(\"c=\" + c);\n"
          + "    } catch (NullPointerException e) {\n"
          + "      return Coroutine.of(\"NPE\");\n"
          + "    }\n"
          + "  }\n"
          + "  static class Box {\n"
          + "    final String v;\n"
          + "    Box(String v) { this.v = v; }\n"
          + "    class In {\n"
          + "      final int k;\n"
          + "      In(int k) { this.k = k; }\n"
          + "      @Override public String toString() { return v + k; }\n"
          + "    }\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> constructors(List<String> log, int n) {\n"
          + "    int i = 0;\n"
          + "    Box box = new Box(t(log, \"b\") + Await.of(pd(n, \"o\")) + i++);\n"
          + "    Box.In in = box.new In(Await.of(pd(n, i++)) + i++);\n"
          + "    Object anon = new Object() {\n"
          + "      final String got = t(log, \"g\") + n;\n"
          + "      @Override public String toString() { return \"anon\" + got; }\n"
          + "    };\n"
          + "    List<String> list = new ArrayList<String>(Await.of(pd(n, 4))) {\n"
          + "      { add(\"init\"); }\n"
          + "    };\n"
          + "    list.add(Await.of(pd(n, \"x\")));\n"
          + "    String[] strs = new String[Await.of(pd(n, 2))];\n"
          + "    strs[Await.of(pd(n, 1))] = Await.of(d(\"s\"));\n"
          + "    return Coroutine.of(box.v + in + anon + list + Arrays.toString(strs) + i);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> shadowing(List<String> log, int n) {\n"
          + "    int field = Await.of(pd(n, 1));\n"
          + "    String r = \"\" + field + Q.field;\n"
          + "    {\n"
          + "      String name = Await.of(pd(n, \"local\"));\n"
          + "      r += name + Q.name;\n"
          + "    }\n"
          + "    r += name;\n"
          + "    {\n"
          + "      long name = Await.of(pd(n + 1, 5L));\n"
          + "      r += name * 2;\n"
          + "    }\n"
          + "    for (int k = 0; k < 2; k++) {\n"
          + "      String v = \"s\" + Await.of(pd(k, k));\n"
          + "      r += v;\n"
          + "    }\n"
          + "    for (int k = 0; k < 2; k++) {\n"
          + "      double v = Await.of(pd(k, 1.5)) + k;\n"
          + "      r += v;\n"
          + "    }\n"
          + "    n = n + Await.of(pd(n, 10));\n"
          + "    r += n;\n"
          + "    List<? extends Number> nums = Await.of(pd(n, List.of(1, 2.5)));\n"
          + "    Number first = nums.get(0);\n"
          + "    r += first;\n"
          + "    return Coroutine.of(r);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> lambdasInLoops(List<String> log, int n) {\n"
          + "    List<Supplier<String>> before = new ArrayList<>();\n"
          + "    List<Supplier<String>> after = new ArrayList<>();\n"
          + "    for (int i = 0; i < 3; i++) {\n"
          + "      int copy = i;\n"
          + "      String s = \"v\" + i;\n"
          + "      before.add(() -> s + copy);\n"
          + "      String got = Await.of(pd(i + n, \"w\" + i));\n"
          + "      after.add(() -> got + copy + s);\n"
          + "      Runnable r = () -> log.add(\"run \" + got + copy);\n"
          + "      r.run();\n"
          + "    }\n"
          + "    for (String s : List.of(\"a\", \"b\")) {\n"
          + "      int h = Await.of(pd(s.length(), s.hashCode()));\n"
          + "      before.add(() -> s + h);\n"
          + "    }\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    for (Supplier<String> s : before) sb.append(s.get());\n"
          + "    for (Supplier<String> s : after) sb.append(s.get());\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "  static <T extends Comparable<T> & CharSequence> String inter(T a, T b) {\n"
          + "    return a.compareTo(b) + \"\" + a.length();\n"
          + "  }\n"
          + "  @Async\n"
          + "  static <T extends Comparable<T> & CharSequence> Coroutine<String> generics(\n"
          + "      List<String> log, T x, T[] arr) {\n"
          + "    T y = Await.of(pd(arr.length, arr[0]));\n"
          + "    T[] copy = Arrays.copyOf(arr, Await.of(pd(1, arr.length)));\n"
          + "    copy[0] = Await.of(pd(0, x));\n"
          + "    String r = inter(y, x) + copy[0].length() + Await.of(pd(2, y)).charAt(0);\n"
          + "    return Coroutine.of(r + copy.length);\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "Q"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 4, 5, 7, 8, -4, -5, 11})
  void deepFinally(int n) {
    Harness.assertSameAsSync(compiled, "Q", "deepFinally", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void switchesInLoops(int n) {
    Harness.assertSameAsSync(compiled, "Q", "switchesInLoops", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void operands(int n) {
    Harness.assertSameAsSync(compiled, "Q", "operands", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void narrowing(int n) {
    Harness.assertSameAsSync(compiled, "Q", "narrowing", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void boxingTernary(int n) {
    Harness.assertSameAsSync(compiled, "Q", "boxingTernary", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void constructors(int n) {
    Harness.assertSameAsSync(compiled, "Q", "constructors", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void shadowing(int n) {
    Harness.assertSameAsSync(compiled, "Q", "shadowing", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void lambdasInLoops(int n) {
    Harness.assertSameAsSync(compiled, "Q", "lambdasInLoops", n);
  }

  @Test
  void intersectionBoundedTypeVariablesAndGenericArrays() {
    Harness.assertSameAsSync(compiled, "Q", "generics", "b", new String[] {"abc", "x"});
  }
}
