package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The limits documented before issue #7's second hunt, closed: compound assignments to array
 * elements, other objects' fields and enclosing classes' fields whose await is in the array, the
 * index or the right side inside larger expressions (JLS 15.26.2 order and exceptions);
 * conditionals with awaits as switch-expression arm values and in block arms' yields. Each is
 * compared with the synchronous run of the same code.
 */
class QaLimitsTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class L {\n"
          + "  static int outerCount = 1;\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  static final class Box {\n"
          + "    int f;\n"
          + "    String s = \"s\";\n"
          + "    static int total = 1;\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> compoundInExpressions(List<String> log, int n) {\n"
          + "    Box.total = 1;\n"
          + "    int[] a = {1, 2, 3};\n"
          + "    int y = (a[log(log, \"i\", n % 3)] += Await.of(pd(n, log(log, \"r\", 10)))) * 2;\n"
          + "    int z = log(log, \"pre\", 1) + (a[Await.of(pd(n, 1))] -= log(log, \"rhs\", 5));\n"
          + "    String[] s = {\"a\", \"b\"};\n"
          + "    String w = (s[log(log, \"j\", 0)] += Await.of(pd(n, \"x\")))"
          + " + (s[Await.of(pd(n, 1))] += \"y\");\n"
          + "    char[] c = {'a'};\n"
          + "    int cc = (c[0] += Await.of(pd(n, 1))) + 0;\n"
          + "    short[] sh = {7};\n"
          + "    long lv = (sh[0] *= Await.of(pd(n, 3))) + 1L;\n"
          + "    Box b = new Box();\n"
          + "    int bf = log(log, \"bf\", (b.f += Await.of(pd(n, 4))) + (b.f <<= Await.of(pd(n,"
          + " 1))));\n"
          + "    String bs = log(log, \"bs\", b.s += Await.of(pd(n, \"t\")) + b.s);\n"
          + "    int tot = (Box.total += Await.of(pd(n, 2))) * (Box.total += 1);\n"
          + "    Box.total *= Await.of(pd(n, 3));\n"
          + "    int same = a[0] += log(log, \"m\", a[0] = 100) + (a[0] += Await.of(pd(n, 1)));\n"
          + "    List<int[]> rows = List.of(new int[] {5}, new int[] {6});\n"
          + "    int r = rows.get(log(log, \"row\", n % 2))[0] += Await.of(pd(n, 7)) * a[1];\n"
          + "    return Coroutine.of(Arrays.toString(a) + y + z + Arrays.toString(s) + w + c[0]"
          + " + cc\n"
          + "        + sh[0] + lv + b.f + bf + b.s + bs + tot + Box.total + same + r\n"
          + "        + Arrays.toString(rows.get(0)));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> compoundFailures(List<String> log, int n, int which) {\n"
          + "    int[] a = which == 0 ? null : new int[2];\n"
          + "    Object[] o = new Integer[] {1};\n"
          + "    Box b = which == 3 ? null : new Box();\n"
          + "    int idx = which == 1 ? 5 : 0;\n"
          + "    int v = -1;\n"
          + "    try {\n"
          + "      if (which == 2) {\n"
          + "        v = ((String) (o[log(log, \"oi\", 0)] += Await.of(pd(n, log(log, \"rhs\","
          + " \"s\"))))).length();\n"
          + "      } else if (which == 3) {\n"
          + "        v = log(log, \"pre\", 1) + (b.f += Await.of(pd(n, log(log, \"rhs\", 2))));\n"
          + "      } else if (which == 4) {\n"
          + "        v = log(log, \"pre\", 1) + (a[Await.of(pd(n, 7))] += log(log, \"rhs\", 2));\n"
          + "      } else {\n"
          + "        v = log(log, \"pre\", 1)\n"
          + "            + (a[log(log, \"idx\", idx)] += Await.of(pd(n, log(log, \"rhs\", 3))));\n"
          + "      }\n"
          + "    } catch (RuntimeException e) {\n"
          + "      log.add(e.getClass().getSimpleName());\n"
          + "    }\n"
          + "    return Coroutine.of(v + Arrays.toString(a) + Arrays.toString(o));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> conditionalArms(List<String> log, int n, int k) {\n"
          + "    String s = switch (k) {\n"
          + "      case 0 -> n > 0 ? Await.of(pd(n, \"a\")) : log(log, \"b\", \"b\");\n"
          + "      case 1 -> {\n"
          + "        log.add(\"blk\");\n"
          + "        yield n > 0 ? log(log, \"c\", \"c\")"
          + " : Await.of(pd(n, \"d\")) + Await.of(pd(n + 1, \"e\"));\n"
          + "      }\n"
          + "      default -> n > 0 ? Await.of(pd(n, \"f\"))"
          + " : (k > 5 ? Await.of(pd(n, \"g\")) : \"h\");\n"
          + "    };\n"
          + "    int x = log(log, \"pre\", 1) + switch (k) {\n"
          + "      case 0 -> n > 0 ? Await.of(pd(n, 10)) : 20;\n"
          + "      case 1 -> {\n"
          + "        int q = Await.of(pd(n, 3));\n"
          + "        yield q > 2 && n > 0 ? Await.of(pd(n, q)) : -q;\n"
          + "      }\n"
          + "      default -> n > 1 ? Await.of(pd(n, 5)) : Await.of(pd(n, 6L)).intValue();\n"
          + "    };\n"
          + "    long l = switch (k) {\n"
          + "      case 0 -> n > 0 ? Await.of(pd(n, 1)) : 2L;\n"
          + "      default -> {\n"
          + "        log.add(\"l\");\n"
          + "        yield n > 0 ? 3L : Await.of(pd(n, 4));\n"
          + "      }\n"
          + "    };\n"
          + "    Object o = switch (k) {\n"
          + "      case 0 -> n > 0 ? Await.of(pd(n, 1)) : \"str\";\n"
          + "      default -> n > 0 ? Await.of(pd(n, 'c')) : 2.5;\n"
          + "    };\n"
          + "    String t = log(log, \"t\", switch (k) {\n"
          + "      case 1 -> {\n"
          + "        String u = Await.of(pd(n, \"u\"));\n"
          + "        yield u + (n > 0 ? Await.of(pd(n, 'v')) : 'w');\n"
          + "      }\n"
          + "      default -> \"\" + (n > 0 ? Await.of(pd(n, 1)) : 2L);\n"
          + "    });\n"
          + "    return Coroutine.of(s + x + l + o + t + log(log, \"o\","
          + " o.getClass().getSimpleName()));\n"
          + "  }\n"
          + "  static final class Inner {\n"
          + "    @Async\n"
          + "    static Coroutine<String> enclosingField(List<String> log, int n) {\n"
          + "      outerCount = 1;\n"
          + "      outerCount += Await.of(pd(n, 2));\n"
          + "      int v = (outerCount *= Await.of(pd(n, log(log, \"r\", 5)))) + outerCount;\n"
          + "      return Coroutine.of(v + \"/\" + outerCount);\n"
          + "    }\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "L"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void compoundAssignmentsToElementsAndFieldsInsideLargerExpressions(int n) {
    Harness.assertSameAsSync(compiled, "L", "compoundInExpressions", n);
  }

  @ParameterizedTest
  @CsvSource({"0,0", "1,0", "0,1", "1,1", "0,2", "1,2", "0,3", "1,3", "0,4", "1,4", "0,5"})
  void compoundAssignmentsThrowWhereJavaThrows(int n, int which) {
    Harness.assertSameAsSync(compiled, "L", "compoundFailures", n, which);
  }

  @ParameterizedTest
  @CsvSource({"0,0", "1,0", "2,0", "0,1", "1,1", "2,1", "0,2", "1,2", "2,2", "0,7", "3,7"})
  void conditionalsAsSwitchExpressionArmValues(int n, int k) {
    Harness.assertSameAsSync(compiled, "L", "conditionalArms", n, k);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void compoundAssignmentToAnEnclosingClassField(int n) {
    List<String> asyncLog = new ArrayList<>();
    List<String> syncLog = new ArrayList<>();
    String async =
        Harness.outcome(() -> compiled.run("t.L_InnerAsync", "enclosingField", asyncLog, n));
    String sync =
        Harness.outcome(() -> compiled.runSync("t.LRef$Inner", "enclosingField", syncLog, n));
    assertEquals(sync + " " + syncLog, async + " " + asyncLog);
  }
}
