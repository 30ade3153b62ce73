package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Awaits inside expressions keep Java's evaluation order, short-circuiting and compound assignment
 * semantics: each method runs as a coroutine and synchronously, and the logs of side effects must
 * agree.
 */
class ExpressionTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class E {\n"
          + "  static int counter;\n"
          + "  static String f(List<String> log, Object a, Object b) {\n"
          + "    log.add(\"f(\" + a + \",\" + b + \")\");\n"
          + "    return a + \"&\" + b;\n"
          + "  }\n"
          + "  static int show(int x) { return 1; }\n"
          + "  static int show(Integer x) { return 2; }\n"
          + "  static final class Box {\n"
          + "    final List<String> log; final String v;\n"
          + "    Box(List<String> log, String v, int n) { this.log = log; this.v = v + n;"
          + " log.add(\"new \" + this.v); }\n"
          + "    String get(String s) { log.add(\"get \" + s); return v + s; }\n"
          + "  }\n"
          + "  static Box box(List<String> log, String v) { log.add(\"box \" + v); return new"
          + " Box(log, v, 0); }\n"
          + "  @Async\n"
          + "  static Coroutine<String> arguments(List<String> log) {\n"
          + "    String r = f(log, log(log, \"a\", 1), Await.of(p(log(log, \"b\", 2))));\n"
          + "    String s = f(log, Await.of(d(3)), Await.of(p(log(log, \"c\", 4))));\n"
          + "    int i = 0;\n"
          + "    String u = f(log, i++, Await.of(p(i++)) + \"/\" + i);\n"
          + "    return Coroutine.of(r + s + u + i);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> operands(List<String> log) {\n"
          + "    int x = log(log, \"x\", 5) * Await.of(p(log(log, \"y\", 6))) - Await.of(d(log(log,"
          + " \"z\", 7)));\n"
          + "    String s = \"s\" + Await.of(p('c')) + Await.of(d(1L)) + log(log, \"w\", 'q');\n"
          + "    int o = show(Await.of(p(3))) + show(log(log, \"prim\", 4) + Await.of(d(0)));\n"
          + "    boolean eq = log(log, \"l\", 1000) == (int) Await.of(p(1000));\n"
          + "    return Coroutine.of(x + s + o + eq);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> shortCircuit(List<String> log, int n) {\n"
          + "    boolean a = n > 0 && Await.of(p(log(log, \"and\", n > 1)));\n"
          + "    boolean o = n > 0 || Await.of(d(log(log, \"or\", n < -1)));\n"
          + "    boolean both = Await.of(p(n > 2)) && Await.of(d(log(log, \"both\", true)));\n"
          + "    String c = n > 1 ? Await.of(p(log(log, \"then\", \"T\"))) : log(log, \"else\","
          + " \"E\");\n"
          + "    int k = n == 0 ? 7 : Await.of(d(n)) + 1;\n"
          + "    if (n > 0 && Await.of(p(n)) > 1 || Await.of(d(log(log, \"cond\", false))))"
          + " log.add(\"if\");\n"
          + "    return Coroutine.of(a + \" \" + o + \" \" + both + \" \" + c + \" \" + k);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> assignments(List<String> log) {\n"
          + "    int x = 10;\n"
          + "    x += Await.of(p(5));\n"
          + "    x -= Await.of(d(x = 3)) + x;\n"
          + "    counter = 100;\n"
          + "    counter += Await.of(p(log(log, \"rhs\", 1)));\n"
          + "    int[] arr = {1, 2, 3};\n"
          + "    int idx = 0;\n"
          + "    arr[idx++] = Await.of(p(idx + 10));\n"
          + "    arr[Await.of(d(2))] = arr[Await.of(p(1))] * 2;\n"
          + "    long l = 1;\n"
          + "    l *= Await.of(p(3));\n"
          + "    String s = \"a\";\n"
          + "    s += Await.of(d(\"b\")) + s;\n"
          + "    return Coroutine.of(x + \" \" + counter + \" \" + Arrays.toString(arr) + \" \" +"
          + " idx + \" \" + l + s);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> receiversAndConstructors(List<String> log) {\n"
          + "    String a = box(log, \"r\").get(Await.of(p(\"x\")));\n"
          + "    Box b = new Box(log, Await.of(d(\"n\")), Await.of(p(log(log, \"arg\", 2))));\n"
          + "    String c = Await.of(p(b)).get(Await.of(d(\"y\")));\n"
          + "    String d = new"
          + " StringBuilder(Await.of(p(\"sb\"))).append(Await.of(d(1))).reverse().toString();\n"
          + "    List<Integer> list = new ArrayList<>(List.of(Await.of(p(1)), Await.of(d(2))));\n"
          + "    int len = Await.of(p(\"four\")).length() + list.get(Await.of(d(1)));\n"
          + "    Object o = Await.of(p(\"str\"));\n"
          + "    String cast = ((String) o).toUpperCase() + (Await.of(d(o)) instanceof String);\n"
          + "    return Coroutine.of(a + b.v + c + d + list + len + cast);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Integer> failsInsideExpression(List<String> log) {\n"
          + "    int r = log(log, \"before\", 1) + Await.of(H.<Integer>pfail(new"
          + " IllegalArgumentException(\"x\"))) + log(log, \"after\", 2);\n"
          + "    return Coroutine.of(r);\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "E"));
  }

  @Test
  void argumentsInOrderWithSideEffectsInSiblings() {
    Harness.assertSameAsSync(compiled, "E", "arguments");
  }

  @Test
  void operandsKeepTypesOverloadsAndOrder() {
    Harness.assertSameAsSync(compiled, "E", "operands");
  }

  @ParameterizedTest
  @ValueSource(ints = {-2, 0, 1, 2, 3})
  void shortCircuitAndConditionals(int n) {
    Harness.assertSameAsSync(compiled, "E", "shortCircuit", n);
  }

  @Test
  void compoundAssignmentReadsBeforeTheAwait() {
    Harness.assertSameAsSync(compiled, "E", "assignments");
  }

  @Test
  void receiversConstructorsIndicesAndCasts() {
    Harness.assertSameAsSync(compiled, "E", "receiversAndConstructors");
  }

  @Test
  void exceptionInsideAnExpressionStopsEvaluation() {
    Harness.assertSameAsSync(compiled, "E", "failsInsideExpression");
  }
}
