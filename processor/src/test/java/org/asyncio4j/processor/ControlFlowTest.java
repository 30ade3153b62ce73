package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential tests of control flow with awaits: each method runs as a coroutine (awaits on done
 * values and on values completed later by the loop) and synchronously; results, exceptions and the
 * order of side effects must agree.
 */
class ControlFlowTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "@SuppressWarnings(\"fallthrough\")\n"
          + "public final class C {\n"
          + "  enum Color { RED, GREEN, BLUE }\n"
          + "  @Async\n"
          + "  static Coroutine<String> ifElse(List<String> log, int n) {\n"
          + "    String r;\n"
          + "    if (Await.of(p(n)) > 2) {\n"
          + "      r = Await.of(d(\"big\"));\n"
          + "      log.add(r);\n"
          + "    } else if (n == 1) {\n"
          + "      r = \"one\";\n"
          + "    } else {\n"
          + "      log.add(\"small\");\n"
          + "      r = Await.of(p(\"small\" + n));\n"
          + "    }\n"
          + "    if (n == 0) return Coroutine.of(\"zero\");\n"
          + "    return Coroutine.of(r);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Integer> whileLoop(List<String> log, int n) {\n"
          + "    int i = 0;\n"
          + "    int sum = 0;\n"
          + "    while (i < Await.of(d(n))) {\n"
          + "      sum += Await.of(i % 2 == 0 ? p(i) : d(i));\n"
          + "      log.add(\"i\" + i);\n"
          + "      i++;\n"
          + "    }\n"
          + "    do {\n"
          + "      sum += Await.of(p(100));\n"
          + "      n--;\n"
          + "    } while (n > 0);\n"
          + "    return Coroutine.of(sum);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> forLoops(List<String> log, int n) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    for (int i = 0, j = 10; i < n; i++, j--) {\n"
          + "      if (i == 2) continue;\n"
          + "      sb.append(Await.of(p(i + j))).append(',');\n"
          + "      if (i == 5) break;\n"
          + "    }\n"
          + "    for (String s : List.of(\"a\", \"b\", \"c\")) {\n"
          + "      sb.append(Await.of(d(s)));\n"
          + "    }\n"
          + "    int[] arr = {3, 4, 5};\n"
          + "    for (int x : arr) {\n"
          + "      sb.append(Await.of(p(x * 2)));\n"
          + "    }\n"
          + "    for (int x : arr) sb.append(x);\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> labelled(List<String> log, int n) {\n"
          + "    List<String> out = new ArrayList<>();\n"
          + "    outer:\n"
          + "    for (int i = 0; i < n; i++) {\n"
          + "      inner:\n"
          + "      for (int j = 0; j < n; j++) {\n"
          + "        if (j > i) continue outer;\n"
          + "        String v = Await.of(p(i + \":\" + j));\n"
          + "        if (i == 3 && j == 1) break outer;\n"
          + "        if (j == 2) continue inner;\n"
          + "        out.add(v);\n"
          + "        for (int k = 0; k < 3; k++) {\n"
          + "          if (k == 1) continue;\n"
          + "          if (i == 2 && j == 1) continue outer;\n"
          + "          out.add(\"k\" + k);\n"
          + "        }\n"
          + "      }\n"
          + "    }\n"
          + "    return Coroutine.of(String.join(\" \", out));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> returnFromLoop(List<String> log, int n) {\n"
          + "    for (int i = 0; ; i++) {\n"
          + "      int v = Await.of(p(i));\n"
          + "      if (v == n) {\n"
          + "        return Coroutine.of(\"found \" + v);\n"
          + "      }\n"
          + "      while (true) {\n"
          + "        if (Await.of(d(v)) >= 0) break;\n"
          + "      }\n"
          + "    }\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> switches(List<String> log, int n, String s, Color c) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    switch (Await.of(d(n))) {\n"
          + "      case 1:\n"
          + "        sb.append(Await.of(p(\"one\")));\n"
          + "      case 2:\n"
          + "        sb.append(\"two\");\n"
          + "        break;\n"
          + "      default:\n"
          + "        sb.append(Await.of(p(\"default\")));\n"
          + "      case 3:\n"
          + "        sb.append(\"three\");\n"
          + "    }\n"
          + "    switch (s) {\n"
          + "      case \"a\":\n"
          + "        sb.append(Await.of(p(\"A\")));\n"
          + "        break;\n"
          + "      case \"b\":\n"
          + "        return Coroutine.of(\"early \" + Await.of(d(\"B\")));\n"
          + "      default:\n"
          + "        sb.append(\"?\");\n"
          + "    }\n"
          + "    switch (c) {\n"
          + "      case RED -> sb.append(Await.of(p(\"red\")));\n"
          + "      case GREEN -> {\n"
          + "        String g = Await.of(d(\"green\"));\n"
          + "        sb.append(g);\n"
          + "      }\n"
          + "      default -> sb.append(\"blue\");\n"
          + "    }\n"
          + "    String plain = switch (c) { case RED -> \"r\"; default -> { yield \"x\"; } };\n"
          + "    sb.append(plain);\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> labelledBlocks(List<String> log, int n) {\n"
          + "    String r = \"\";\n"
          + "    block:\n"
          + "    {\n"
          + "      r += Await.of(p(\"a\"));\n"
          + "      if (n > 0) break block;\n"
          + "      r += Await.of(d(\"b\"));\n"
          + "      inner: { if (n < 0) break inner; r += \"c\"; }\n"
          + "      r += \"d\";\n"
          + "    }\n"
          + "    return Coroutine.of(r);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Long> tenMillion(List<String> log) {\n"
          + "    Coroutine<Integer> one = Coroutine.of(1);\n"
          + "    long sum = 0;\n"
          + "    for (int i = 0; i < 10_000_000; i++) {\n"
          + "      sum += Await.of(one);\n"
          + "    }\n"
          + "    return Coroutine.of(sum);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Long> hundredThousandSuspensions(List<String> log) {\n"
          + "    long sum = 0;\n"
          + "    int i = 0;\n"
          + "    while (i < 100_000) {\n"
          + "      sum += Await.of(Asyncio.sleep(0, i));\n"
          + "      i++;\n"
          + "    }\n"
          + "    return Coroutine.of(sum);\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "C"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 5})
  void ifElse(int n) {
    Harness.assertSameAsSync(compiled, "C", "ifElse", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4})
  void whileAndDoWhile(int n) {
    Harness.assertSameAsSync(compiled, "C", "whileLoop", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 8})
  void forAndForEachOverIterablesAndArrays(int n) {
    Harness.assertSameAsSync(compiled, "C", "forLoops", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2, 3, 5})
  void labelledBreakAndContinue(int n) {
    Harness.assertSameAsSync(compiled, "C", "labelled", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 4})
  void returnFromInsideLoops(int n) {
    Harness.assertSameAsSync(compiled, "C", "returnFromLoop", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 1})
  void labelledBlocks(int n) {
    Harness.assertSameAsSync(compiled, "C", "labelledBlocks", n);
  }

  @Test
  void switchesWithFallThroughStringsEnumsAndArrows() throws Exception {
    Class<?> color = compiled.load("t.C$Color");
    Class<?> colorRef = compiled.load("t.CRef$Color");
    for (int n : new int[] {1, 2, 3, 7}) {
      for (String s : new String[] {"a", "b", "z"}) {
        for (int c = 0; c < 3; c++) {
          List<String> l1 = new ArrayList<>();
          List<String> l2 = new ArrayList<>();
          Object ca = color.getEnumConstants()[c];
          Object cr = colorRef.getEnumConstants()[c];
          String async = Harness.outcome(() -> compiled.run("t.CAsync", "switches", l1, n, s, ca));
          String sync = Harness.outcome(() -> compiled.runSync("t.CRef", "switches", l2, n, s, cr));
          assertEquals(sync + " " + l2, async + " " + l1, n + " " + s + " " + c);
        }
      }
    }
  }

  @Test
  void tenMillionSynchronousAwaitsRunFlat() {
    assertEquals(10_000_000L, compiled.run("t.CAsync", "tenMillion", new ArrayList<String>()));
  }

  @Test
  void statementLevelAwaitsOfDoneValuesAllocateNothing() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        mx instanceof com.sun.management.ThreadMXBean, "allocation counters need HotSpot");
    com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
    long id = Thread.currentThread().getId();
    compiled.run("t.CAsync", "tenMillion", new ArrayList<String>()); // warm up
    long before = hs.getThreadAllocatedBytes(id);
    compiled.run("t.CAsync", "tenMillion", new ArrayList<String>());
    long allocated = hs.getThreadAllocatedBytes(id) - before;
    // One object per await would be at least 160 MB; the loop and Asyncio.run together stay tiny.
    org.junit.jupiter.api.Assertions.assertTrue(
        allocated < 8_000_000, "10M awaits allocated " + allocated + " bytes");
  }

  @Test
  void hundredThousandRealSuspensions() {
    assertEquals(
        4_999_950_000L,
        compiled.run("t.CAsync", "hundredThousandSuspensions", new ArrayList<String>()));
  }
}
