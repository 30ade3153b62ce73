package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adversarial combinations of constructs that other tests check one at a time (issue #3), each
 * compared with the synchronous run of the same code: side-effect order, result and exception.
 */
class QaOrderAndExceptionsTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "@SuppressWarnings(\"fallthrough\")\n"
          + "public final class Q4 {\n"
          + "  static int counter;\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  static int ix(List<String> log, int i) {\n"
          + "    log.add(\"ix \" + i);\n"
          + "    return i;\n"
          + "  }\n"
          + "  static <X> X v(List<String> log, String s, X x) {\n"
          + "    log.add(s + \"=\" + x);\n"
          + "    return x;\n"
          + "  }\n"
          + "  static final class Holder {\n"
          + "    int f;\n"
          + "    long g = 5;\n"
          + "    String s = \"s\";\n"
          + "  }\n"
          + "  static Holder holder(List<String> log, Holder h) {\n"
          + "    log.add(\"holder\");\n"
          + "    return h;\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Integer> bump(List<String> log, int n) {\n"
          + "    counter += 100;\n"
          + "    log.add(\"bumped \" + counter);\n"
          + "    return Coroutine.of(Await.of(pd(n, 7)));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> rhsAfterIndex(List<String> log, int n) {\n"
          + "    int[] arr = {1, 2, 3};\n"
          + "    int[] none = null;\n"
          + "    try {\n"
          + "      arr[ix(log, n)] = Await.of(pd(n, v(log, \"rhs\", 9)));\n"
          + "      log.add(\"stored \" + Arrays.toString(arr));\n"
          + "    } catch (ArrayIndexOutOfBoundsException e) {\n"
          + "      log.add(\"aioobe\");\n"
          + "    }\n"
          + "    try {\n"
          + "      arr[Await.of(pd(n, n + 1))] += v(log, \"rhs2\", Await.of(pd(n, 4)));\n"
          + "      log.add(\"compound \" + Arrays.toString(arr));\n"
          + "    } catch (ArrayIndexOutOfBoundsException e) {\n"
          + "      log.add(\"aioobe2\");\n"
          + "    }\n"
          + "    try {\n"
          + "      (n == 1 ? none : arr)[ix(log, 0)] = Await.of(pd(n, v(log, \"rhs3\", 5)));\n"
          + "    } catch (NullPointerException e) {\n"
          + "      log.add(\"npe3\");\n"
          + "    }\n"
          + "    try {\n"
          + "      (n == 0 ? none : arr)[ix(log, 1)] -= Await.of(pd(n, v(log, \"rhs4\", 5)));\n"
          + "    } catch (NullPointerException e) {\n"
          + "      log.add(\"npe4\");\n"
          + "    }\n"
          + "    Integer boxed = n == 1 ? null : 1;\n"
          + "    try {\n"
          + "      boxed += v(log, \"rhs5\", Await.of(pd(n, 2)));\n"
          + "    } catch (NullPointerException e) {\n"
          + "      log.add(\"npe5\");\n"
          + "    }\n"
          + "    int zero = 0;\n"
          + "    try {\n"
          + "      int q = v(log, \"lhs6\", 10) / Await.of(pd(n, zero));\n"
          + "      log.add(\"q \" + q);\n"
          + "    } catch (ArithmeticException e) {\n"
          + "      log.add(\"arith6\");\n"
          + "    }\n"
          + "    try {\n"
          + "      zero /= Await.of(pd(n, 0));\n"
          + "    } catch (ArithmeticException e) {\n"
          + "      log.add(\"arith7\");\n"
          + "    }\n"
          + "    return Coroutine.of(Arrays.toString(arr) + boxed);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> readBeforeEvaluate(List<String> log, int n) {\n"
          + "    counter = n;\n"
          + "    counter += Await.of(bump(log, n));\n"
          + "    Holder h = new Holder();\n"
          + "    holder(log, h).f += Await.of(pd(n, v(log, \"r\", 3)));\n"
          + "    h.f = h.f++ + Await.of(pd(n, h.f)) + h.f--;\n"
          + "    holder(log, h).g <<= Await.of(pd(n, 2));\n"
          + "    holder(log, h).s += Await.of(pd(n, 'c')) + \"\" + h.f;\n"
          + "    int[] arr = {0, 0, 0};\n"
          + "    int i = 0;\n"
          + "    arr[i++] += Await.of(pd(n, i)) + arr[i++]++;\n"
          + "    arr[Await.of(pd(n, 2))]++;\n"
          + "    --arr[Await.of(pd(n + 1, 0))];\n"
          + "    long total = counter + h.f + h.g + i;\n"
          + "    return Coroutine.of(total + h.s + Arrays.toString(arr));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> receivers(List<String> log, int n) {\n"
          + "    int i = n;\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    sb.append(i++).append(Await.of(pd(i, i++))).append(i).append(v(log, \"x\", i++))\n"
          + "        .append(Await.of(pd(i, \"!\")).length() + i);\n"
          + "    String s = v(log, \"recv\", \"abc\").substring(Await.of(pd(n, 1)))\n"
          + "        .concat(String.valueOf(Await.of(pd(n, 'z'))));\n"
          + "    List<Integer> list = new ArrayList<>(List.of(1, 2, 3));\n"
          + "    list.set(Await.of(pd(n, 0)),\n"
          + "        list.get(Await.of(pd(n, 2))) + Await.of(pd(n, 10)));\n"
          + "    return Coroutine.of(sb + s + list);\n"
          + "  }\n"
          + "  static boolean b(List<String> log, String s, boolean r) {\n"
          + "    log.add(s);\n"
          + "    return r;\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> shortCircuits(List<String> log, int n) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    for (int k = 0; k < 8; k++) {\n"
          + "      boolean x = (k & 1) != 0, y = (k & 2) != 0, z = (k & 4) != 0;\n"
          + "      boolean r = b(log, \"a\" + k, x) && Await.of(pd(k, y)) || b(log, \"c\" + k, z)\n"
          + "          && !Await.of(pd(k + n, x));\n"
          + "      int t = x ? (Await.of(pd(k, k)) > 2 ? Await.of(pd(n, 1)) : 0)\n"
          + "          : y || Await.of(pd(k, z)) ? Await.of(pd(k, 2)) : 3;\n"
          + "      sb.append(r).append(t).append(',');\n"
          + "    }\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "  enum Color { RED, GREEN, BLUE }\n"
          + "  @Async\n"
          + "  static Coroutine<String> switches(List<String> log, int n) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    for (String key : List.of(\"a\", \"b\", \"c\", \"zz\")) {\n"
          + "      switch (Await.of(pd(n, key + \"\")).length() > 1 ? \"other\" : key) {\n"
          + "        case \"a\":\n"
          + "          sb.append(Await.of(pd(n, 1)));\n"
          + "        default:\n"
          + "          sb.append(\"def\");\n"
          + "          if (n == 1) break;\n"
          + "        case \"b\":\n"
          + "          sb.append(Await.of(pd(n + 1, 2)));\n"
          + "          break;\n"
          + "        case \"c\":\n"
          + "          continue;\n"
          + "      }\n"
          + "      for (Color c : Color.values()) {\n"
          + "        switch (Await.of(pd(c.ordinal(), c))) {\n"
          + "          case GREEN -> {\n"
          + "            if (Await.of(pd(n, key.equals(\"b\")))) break;\n"
          + "            sb.append('g');\n"
          + "          }\n"
          + "          case BLUE -> sb.append(Await.of(pd(n, 'B')));\n"
          + "          default -> { }\n"
          + "        }\n"
          + "      }\n"
          + "      sb.append(';');\n"
          + "    }\n"
          + "    int k = 0;\n"
          + "    do {\n"
          + "      k += Await.of(pd(k, 1));\n"
          + "      if (k == 2) continue;\n"
          + "      sb.append(k);\n"
          + "    } while (Await.of(pd(k, k)) < 4 + n);\n"
          + "    for (int i = 0, j = Await.of(pd(n, 10));\n"
          + "        i < Await.of(pd(i, 3));\n"
          + "        i++, j -= Await.of(d(2))) {\n"
          + "      sb.append(i).append(j);\n"
          + "    }\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "Q4"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void rhsAfterIndex(int n) {
    Harness.assertSameAsSync(compiled, "Q4", "rhsAfterIndex", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void readBeforeEvaluate(int n) {
    Harness.assertSameAsSync(compiled, "Q4", "readBeforeEvaluate", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void receivers(int n) {
    Harness.assertSameAsSync(compiled, "Q4", "receivers", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void shortCircuits(int n) {
    Harness.assertSameAsSync(compiled, "Q4", "shortCircuits", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void switches(int n) {
    Harness.assertSameAsSync(compiled, "Q4", "switches", n);
  }
}
