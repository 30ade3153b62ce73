package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adversarial combinations of constructs that other tests check one at a time (issue #3), each
 * compared with the synchronous run of the same code: side-effect order, result and exception.
 */
class QaMixedStatementsTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class Q12 {\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  @Async\n"
          + "  static Coroutine<String> mixed(List<String> log, int n)\n"
          + "      throws java.io.IOException {\n"
          + "    int sum = 0;\n"
          + "    for (var e : Await.of(pd(n, List.of(1, 2)))) sum += e + Await.of(pd(e, e));\n"
          + "    Map<String, Integer> map = new TreeMap<>(Map.of(\"a\", 1, \"b\", 2));\n"
          + "    outer:\n"
          + "    for (Map.Entry<String, Integer> e : map.entrySet()) {\n"
          + "      int w = 0;\n"
          + "      while (w++ < 3) {\n"
          + "        if (Await.of(pd(w, w)) == 2 && e.getKey().equals(\"a\")) continue outer;\n"
          + "        sum += e.getValue() * Await.of(pd(n, w));\n"
          + "      }\n"
          + "    }\n"
          + "    String text = \"\"\"\n"
          + "        block\\\n"
          + "        \"\"\" + Await.of(pd(n, sum));\n"
          + "    try {\n"
          + "      if (n == 1) throw new java.io.IOException(\"io\");\n"
          + "      if (n == 2) throw new IllegalStateException(\"ise\");\n"
          + "      log.add(\"none\");\n"
          + "    } catch (java.io.IOException | IllegalStateException e) {\n"
          + "      log.add(\"caught \" + Await.of(pd(n, e.getMessage())));\n"
          + "      if (n == 1) throw e;\n"
          + "    }\n"
          + "    switch (Await.of(pd(n, 'a'))) {\n"
          + "      case 'a':\n"
          + "        text += Await.of(pd(n, \"A\"));\n"
          + "        break;\n"
          + "      default:\n"
          + "        text += \"?\";\n"
          + "    }\n"
          + "    try {\n"
          + "      switch (Await.of(pd(n, n == 0 ? (Integer) null : 3))) {\n"
          + "        case 3 -> text += \"three\";\n"
          + "        default -> text += \"dflt\";\n"
          + "      }\n"
          + "    } catch (NullPointerException e) {\n"
          + "      text += \"npe\";\n"
          + "    }\n"
          + "    text += \"x\" + (n > 1 ? Await.of(pd(n, \"s\")) : 5)\n"
          + "        + (n > 0 ? Await.of(pd(n, \"t\")) : null);\n"
          + "    text += (n > 1 ? Await.of(pd(n, 2)) : 'c') + \"\"\n"
          + "        + (char) (n > 2 ? Await.of(pd(n, 66)) : 'c');\n"
          + "    return Coroutine.of(text + sum);\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "Q12"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void mixed(int n) {
    Harness.assertSameAsSync(compiled, "Q12", "mixed", n);
  }
}
