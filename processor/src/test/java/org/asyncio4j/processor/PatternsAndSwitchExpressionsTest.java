package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Switch expressions with awaits in their arms, instanceof patterns whose bindings live across
 * awaits, var, and lambdas/anonymous/local classes that do not await (differential).
 */
class PatternsAndSwitchExpressionsTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import java.util.function.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class P {\n"
          + "  @Async\n"
          + "  static Coroutine<String> switchExpressions(List<String> log, int n) {\n"
          + "    int a = switch (n) {\n"
          + "      case 0 -> Await.of(p(10));\n"
          + "      case 1, 2 -> {\n"
          + "        int t = Await.of(d(n * 100));\n"
          + "        if (t > 150) yield t + 1;\n"
          + "        yield t;\n"
          + "      }\n"
          + "      case 3 -> throw new IllegalStateException(\"three\");\n"
          + "      default -> n;\n"
          + "    };\n"
          + "    String b;\n"
          + "    b = switch (Await.of(p(n % 2))) {\n"
          + "      case 0:\n"
          + "        log.add(\"even\");\n"
          + "      case 1:\n"
          + "        yield Await.of(d(\"x\" + n));\n"
          + "      default:\n"
          + "        yield \"?\";\n"
          + "    };\n"
          + "    return Coroutine.of(switch (n) { case 4 -> \"four \" + Await.of(p(a)); default ->"
          + " a + b; });\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> patterns(List<String> log, Object o) {\n"
          + "    if (o instanceof String s && Await.of(p(s.length())) > 2) {\n"
          + "      log.add(\"long string \" + s);\n"
          + "      Await.of(d(0));\n"
          + "      return Coroutine.of(s.toUpperCase());\n"
          + "    }\n"
          + "    if (o instanceof Integer i) {\n"
          + "      int twice = Await.of(p(i * 2));\n"
          + "      return Coroutine.of(\"int \" + (i + twice));\n"
          + "    }\n"
          + "    var list = new ArrayList<String>();\n"
          + "    list.add(Await.of(d(String.valueOf(o))));\n"
          + "    return Coroutine.of(\"other \" + list);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> bindingAfterIf(List<String> log, Object o, int n) {\n"
          + "    int total = 0;\n"
          + "    for (int k = 0; k < n; k++) {\n"
          + "      total += Await.of(p(k));\n"
          + "      if (o instanceof String t || k > 5) continue;\n"
          + "    }\n"
          + "    if (!(o instanceof String s)) {\n"
          + "      return Coroutine.of(\"not a string \" + Await.of(d(total)));\n"
          + "    }\n"
          + "    log.add(\"string \" + Await.of(p(s)));\n"
          + "    if (s.isEmpty()) return Coroutine.of(\"empty\");\n"
          + "    if (!(o instanceof CharSequence cs)) throw new IllegalStateException();\n"
          + "    return Coroutine.of(s.length() + Await.of(d(total)) + \" \" + cs.charAt(0));\n"
          + "  }\n"
          + "  interface Shape { double area(); }\n"
          + "  @Async\n"
          + "  static Coroutine<String> classesAndLambdas(List<String> log, int n) {\n"
          + "    Function<Integer, Integer> twice = x -> x * 2;\n"
          + "    int k = Await.of(p(n));\n"
          + "    Shape sq = new Shape() {\n"
          + "      @Override public double area() { return k * k; }\n"
          + "    };\n"
          + "    class Local { int value() { return k + 1; } }\n"
          + "    int v = twice.apply(Await.of(d(k))) + new Local().value();\n"
          + "    Supplier<String> s = () -> \"v\" + v;\n"
          + "    Await.of(p(0));\n"
          + "    return Coroutine.of(s.get() + \" \" + sq.area() + \" \" + new Local().value());\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "P"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 7})
  void switchExpressionsWithAwaitsInArms(int n) {
    Harness.assertSameAsSync(compiled, "P", "switchExpressions", n);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab", "abcd", "int", "other"})
  void instanceofPatternsAcrossAwaits(String kind) {
    Object o = kind.equals("int") ? (Object) 21 : kind.equals("other") ? (Object) 2.5 : kind;
    Harness.assertSameAsSync(compiled, "P", "patterns", o);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "int"})
  void bindingsAnIfWithoutAwaitsIntroducesIntoTheRestOfTheBlockSurviveAwaits(String kind) {
    Object o = kind.equals("int") ? (Object) 21 : kind;
    Harness.assertSameAsSync(compiled, "P", "bindingAfterIf", o, 3);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3})
  void lambdasAnonymousAndLocalClassesThatDoNotAwait(int n) {
    Harness.assertSameAsSync(compiled, "P", "classesAndLambdas", n);
  }
}
