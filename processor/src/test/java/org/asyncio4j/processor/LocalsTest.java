package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Local variables wherever they are declared: in methods without awaits, in branches, blocks and
 * loops without awaits next to ones with awaits, uninitialised, and declared with {@code var}.
 */
class LocalsTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public class L {\n"
          + "  @Async\n"
          + "  static Coroutine<Void> noAwait(List<String> log) {\n"
          + "    String s = \"x\";\n"
          + "    log.add(s);\n"
          + "    return Coroutine.done();\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> noAwaitManyLocals(List<String> log, int n) {\n"
          + "    int i;\n"
          + "    var v = new ArrayList<String>();\n"
          + "    final String prefix = \"p\";\n"
          + "    if (n > 1) {\n"
          + "      i = n * 2;\n"
          + "    } else {\n"
          + "      i = -1;\n"
          + "    }\n"
          + "    {\n"
          + "      String inner = prefix + i;\n"
          + "      v.add(inner);\n"
          + "    }\n"
          + "    for (var k = 0; k < n; k++) {\n"
          + "      var item = \"k\" + k;\n"
          + "      v.add(item);\n"
          + "    }\n"
          + "    log.addAll(v);\n"
          + "    return Coroutine.of(prefix + i);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> awaitInOneBranch(List<String> log, boolean b) {\n"
          + "    String r;\n"
          + "    if (b) {\n"
          + "      String a = Await.of(p(\"then\"));\n"
          + "      r = a;\n"
          + "    } else {\n"
          + "      String e = \"else\";\n"
          + "      var w = e.length();\n"
          + "      r = e + w;\n"
          + "    }\n"
          + "    log.add(r);\n"
          + "    return Coroutine.of(r);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> awaitInElseOnly(List<String> log, boolean b) {\n"
          + "    if (b) {\n"
          + "      String t = \"then\";\n"
          + "      log.add(t);\n"
          + "    } else {\n"
          + "      String a = Await.of(p(\"else\"));\n"
          + "      log.add(a);\n"
          + "    }\n"
          + "    return Coroutine.of(\"done\");\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Integer> nestedBlocksBesideAwaits(List<String> log) {\n"
          + "    int total;\n"
          + "    var first = Await.of(d(1));\n"
          + "    {\n"
          + "      int x = 10;\n"
          + "      var y = x + first;\n"
          + "      log.add(\"y=\" + y);\n"
          + "      {\n"
          + "        String z;\n"
          + "        z = \"z\" + y;\n"
          + "        log.add(z);\n"
          + "      }\n"
          + "    }\n"
          + "    {\n"
          + "      String x = \"again\";\n"
          + "      log.add(x);\n"
          + "    }\n"
          + "    total = first + Await.of(p(2));\n"
          + "    {\n"
          + "      var after = total * 3;\n"
          + "      log.add(\"after=\" + after);\n"
          + "    }\n"
          + "    return Coroutine.of(total);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> uninitialisedThenAwaited(List<String> log, int n) {\n"
          + "    String s;\n"
          + "    int count;\n"
          + "    var sb = new StringBuilder();\n"
          + "    count = 0;\n"
          + "    while (count < n) {\n"
          + "      String piece;\n"
          + "      if (count % 2 == 0) {\n"
          + "        piece = Await.of(p(\"e\" + count));\n"
          + "      } else {\n"
          + "        var odd = \"o\" + count;\n"
          + "        piece = odd;\n"
          + "      }\n"
          + "      sb.append(piece);\n"
          + "      count++;\n"
          + "    }\n"
          + "    s = sb.toString();\n"
          + "    log.add(s);\n"
          + "    return Coroutine.of(s);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> localsInSwitchAndTry(List<String> log, int n) {\n"
          + "    String r = \"\";\n"
          + "    switch (n) {\n"
          + "      case 1: {\n"
          + "        String one = \"one\";\n"
          + "        r = one;\n"
          + "        break;\n"
          + "      }\n"
          + "      default: {\n"
          + "        String other = Await.of(p(\"other\"));\n"
          + "        r = other;\n"
          + "      }\n"
          + "    }\n"
          + "    try {\n"
          + "      var v = Await.of(d(r.length()));\n"
          + "      log.add(\"len \" + v);\n"
          + "    } catch (RuntimeException e) {\n"
          + "      String msg = e.getMessage();\n"
          + "      log.add(msg);\n"
          + "    } finally {\n"
          + "      String fin = \"finally\";\n"
          + "      log.add(fin);\n"
          + "    }\n"
          + "    return Coroutine.of(r);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Integer> noAwaitEveryKindOfStatement(List<String> log, int n) {\n"
          + "    String s = \"x\";\n"
          + "    java.util.function.Supplier<String> sup = () -> s + n;\n"
          + "    log.add(sup.get());\n"
          + "    switch (n) {\n"
          + "      case 1 -> { String q = \"q\"; log.add(q); }\n"
          + "      default -> { int z = 3; log.add(\"\" + z); }\n"
          + "    }\n"
          + "    lbl: { String w = \"w\"; if (n > 5) break lbl; log.add(w); }\n"
          + "    try (java.io.StringReader r = new java.io.StringReader(\"abc\")) {\n"
          + "      int c = r.read();\n"
          + "      log.add(\"\" + c);\n"
          + "    } catch (java.io.IOException e) {\n"
          + "      String m = e.getMessage();\n"
          + "      log.add(m);\n"
          + "    }\n"
          + "    int[] arr = {1, 2};\n"
          + "    var list = List.of(1, 2);\n"
          + "    for (var i : list) { var j = i * 2; log.add(\"j\" + j); }\n"
          + "    Object o = n;\n"
          + "    if (o instanceof Integer k) { int kk = k; log.add(\"k\" + kk); }\n"
          + "    int r = arr[0] + list.get(1);\n"
          + "    return Coroutine.of(r);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Integer> capturedLocalsBesideAwaits(List<String> log, int n) {\n"
          + "    int base = Await.of(p(n));\n"
          + "    String s = \"x\";\n"
          + "    java.util.function.Supplier<String> sup = () -> s + base;\n"
          + "    log.add(sup.get());\n"
          + "    switch (n) {\n"
          + "      case 1 -> { String q = \"q\"; log.add(q); }\n"
          + "      default -> { int z = Await.of(d(3)); log.add(\"\" + z); }\n"
          + "    }\n"
          + "    for (int i = 0; i < 2; i++) {\n"
          + "      int j = i;\n"
          + "      Runnable rr = () -> log.add(\"r\" + j);\n"
          + "      rr.run();\n"
          + "    }\n"
          + "    Object o = n;\n"
          + "    if (o instanceof Integer k) {\n"
          + "      int kk = k;\n"
          + "      log.add(\"k\" + kk + Await.of(d(1)));\n"
          + "    }\n"
          + "    return Coroutine.of(base);\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "L"));
  }

  @Test
  void localInAMethodWithoutAwaits() {
    Harness.assertSameAsSync(compiled, "L", "noAwait");
    List<String> log = new ArrayList<>();
    compiled.run("t.LAsync", "noAwait", log);
    assertEquals(List.of("x"), log);
  }

  @Test
  void uninitialisedVarAndNestedLocalsWithoutAwaits() {
    Harness.assertSameAsSync(compiled, "L", "noAwaitManyLocals", 3);
    Harness.assertSameAsSync(compiled, "L", "noAwaitManyLocals", 0);
  }

  @Test
  void localsInTheBranchWithoutAwaits() {
    Harness.assertSameAsSync(compiled, "L", "awaitInOneBranch", true);
    Harness.assertSameAsSync(compiled, "L", "awaitInOneBranch", false);
    Harness.assertSameAsSync(compiled, "L", "awaitInElseOnly", true);
    Harness.assertSameAsSync(compiled, "L", "awaitInElseOnly", false);
  }

  @Test
  void nestedBlocksWithoutAwaitsBesideAwaits() {
    Harness.assertSameAsSync(compiled, "L", "nestedBlocksBesideAwaits");
  }

  @Test
  void uninitialisedLocalsAssignedAcrossAwaits() {
    Harness.assertSameAsSync(compiled, "L", "uninitialisedThenAwaited", 5);
    Harness.assertSameAsSync(compiled, "L", "uninitialisedThenAwaited", 0);
  }

  @Test
  void localsInEveryKindOfStatementWithoutAwaits() {
    Harness.assertSameAsSync(compiled, "L", "noAwaitEveryKindOfStatement", 1);
    Harness.assertSameAsSync(compiled, "L", "noAwaitEveryKindOfStatement", 7);
  }

  @Test
  void capturedLocalsAndRuleSwitchesBesideAwaits() {
    Harness.assertSameAsSync(compiled, "L", "capturedLocalsBesideAwaits", 1);
    Harness.assertSameAsSync(compiled, "L", "capturedLocalsBesideAwaits", 2);
  }

  @Test
  void localsInSwitchCasesAndTryClauses() {
    Harness.assertSameAsSync(compiled, "L", "localsInSwitchAndTry", 1);
    Harness.assertSameAsSync(compiled, "L", "localsInSwitchAndTry", 2);
  }
}
