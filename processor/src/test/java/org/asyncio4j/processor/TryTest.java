package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * try / catch / multi-catch / finally with awaits in every part, compared with the synchronous run.
 */
class TryTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class T {\n"
          + "  static <X> Coroutine<X> maybe(int n, int when, X v) {\n"
          + "    if (n == when) return H.pfail(new IllegalStateException(\"fail\" + n));\n"
          + "    if (n == -when) return H.fail(new IllegalArgumentException(\"bad\" + n));\n"
          + "    return n % 2 == 0 ? p(v) : d(v);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> catches(List<String> log, int n) {\n"
          + "    String r = \"\";\n"
          + "    try {\n"
          + "      r += Await.of(maybe(n, 1, \"a\"));\n"
          + "      r += Await.of(maybe(n, 2, \"b\"));\n"
          + "    } catch (IllegalStateException e) {\n"
          + "      r += \"caught \" + e.getMessage() + Await.of(p(\"!\"));\n"
          + "    } catch (IllegalArgumentException | ArithmeticException e) {\n"
          + "      r += \"multi \" + e.getMessage();\n"
          + "    }\n"
          + "    return Coroutine.of(r);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> finallies(List<String> log, int n) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    try {\n"
          + "      try {\n"
          + "        sb.append(Await.of(maybe(n, 1, \"t\")));\n"
          + "        if (n == 3) return Coroutine.of(\"returned \" + sb);\n"
          + "        sb.append(Await.of(maybe(n, 4, \"u\")));\n"
          + "      } finally {\n"
          + "        log.add(\"inner finally \" + Await.of(p(sb.length())));\n"
          + "      }\n"
          + "    } catch (IllegalStateException e) {\n"
          + "      log.add(\"outer catch \" + e.getMessage());\n"
          + "      sb.append(Await.of(d(\"c\")));\n"
          + "    } finally {\n"
          + "      log.add(\"outer finally\");\n"
          + "      sb.append(Await.of(p(\"f\")));\n"
          + "    }\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> loopsThroughFinally(List<String> log, int n) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    for (int i = 0; i < 6; i++) {\n"
          + "      try {\n"
          + "        if (i == 1) continue;\n"
          + "        sb.append(Await.of(maybe(i, n, i)));\n"
          + "        if (i == 4) break;\n"
          + "      } catch (RuntimeException e) {\n"
          + "        sb.append('E');\n"
          + "        continue;\n"
          + "      } finally {\n"
          + "        sb.append(Await.of(p(\"f\")));\n"
          + "        log.add(\"finally \" + i);\n"
          + "      }\n"
          + "      sb.append(';');\n"
          + "    }\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> throwsBeforeTheFirstAwait(List<String> log, int n) {\n"
          + "    String r = \"start\";\n"
          + "    try {\n"
          + "      if (n == 1) throw new IllegalStateException(\"early\");\n"
          + "      r += Await.of(p(\"x\"));\n"
          + "      if (n == 2) throw new IllegalStateException(\"late\");\n"
          + "    } catch (IllegalStateException e) {\n"
          + "      r += \" caught \" + e.getMessage();\n"
          + "    }\n"
          + "    try {\n"
          + "      if (n == 3) throw new IllegalArgumentException(\"second\");\n"
          + "      Await.of(d(0));\n"
          + "    } finally {\n"
          + "      log.add(\"finally\");\n"
          + "    }\n"
          + "    return Coroutine.of(r);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> finallyOverrides(List<String> log, int n) {\n"
          + "    try {\n"
          + "      Await.of(maybe(n, 1, 0));\n"
          + "      return Coroutine.of(\"try\");\n"
          + "    } finally {\n"
          + "      Await.of(p(0));\n"
          + "      if (n == 2) return Coroutine.of(\"finally wins\");\n"
          + "      if (n == 3) throw new UnsupportedOperationException(\"from finally\");\n"
          + "    }\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "T"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, -1, -2})
  void catchAndMultiCatchWithAwaitsInTryAndCatch(int n) {
    Harness.assertSameAsSync(compiled, "T", "catches", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 4, -4})
  void nestedFinallyWithAwaits(int n) {
    Harness.assertSameAsSync(compiled, "T", "finallies", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2, 3, -3, 5})
  void breakAndContinueThroughFinally(int n) {
    Harness.assertSameAsSync(compiled, "T", "loopsThroughFinally", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void returnAndThrowInsideFinally(int n) {
    Harness.assertSameAsSync(compiled, "T", "finallyOverrides", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void exceptionsBeforeTheFirstAwaitOfATryAreCaught(int n) {
    Harness.assertSameAsSync(compiled, "T", "throwsBeforeTheFirstAwait", n);
  }
}
