package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adversarial combinations of constructs that other tests check one at a time (issue #3), each
 * compared with the synchronous run of the same code: side-effect order, result and exception.
 */
class QaPatternsAndVarargsTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.io.IOException;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class Q8 {\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  static <X> Coroutine<X> io(int n, X v) {\n"
          + "    return n == 3\n"
          + "        ? H.pfail(new java.io.UncheckedIOException(new IOException(\"io\" + n)))\n"
          + "        : pd(n, v);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> patternsAcrossAwaits(List<String> log, int n) {\n"
          + "    Object o = n == 0 ? \"text\" : n == 1 ? (Object) 42 : List.of(1, 2);\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    if (Await.of(pd(n, o)) instanceof String s\n"
          + "        && s.length() > Await.of(pd(n, 1))) {\n"
          + "      sb.append(\"str \").append(s).append(Await.of(pd(n, s.length())));\n"
          + "    } else if (o instanceof Integer i && Await.of(pd(n, i)) > 40) {\n"
          + "      sb.append(\"int \").append(i + Await.of(pd(n, 1)));\n"
          + "    } else if (!(o instanceof List<?> l) || l.isEmpty()) {\n"
          + "      sb.append(\"other\");\n"
          + "    } else {\n"
          + "      sb.append(\"list \").append(Await.of(pd(n, l.size())));\n"
          + "    }\n"
          + "    boolean b =\n"
          + "        o instanceof Integer j && Await.of(pd(n, j)) == 42 || o instanceof String;\n"
          + "    return Coroutine.of(sb.append(b).toString());\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> varargsAndFailingLoops(List<String> log, int n) {\n"
          + "    int i = 0;\n"
          + "    String f =\n"
          + "        String.format(\"%s-%d-%s\", Await.of(pd(n, \"a\")), i++, Await.of(pd(n, i++)));\n"
          + "    List<Object> l =\n"
          + "        Arrays.asList(Await.of(pd(n, 1)), i++, Await.of(pd(n, \"z\")), i);\n"
          + "    StringBuilder sb = new StringBuilder(f + l);\n"
          + "    int k = 0;\n"
          + "    try {\n"
          + "      for (k = 0; k < Await.of(io(n, 5)); k += Await.of(io(k + n, 1))) {\n"
          + "        sb.append(k);\n"
          + "      }\n"
          + "    } catch (java.io.UncheckedIOException e) {\n"
          + "      sb.append(\" failed at \").append(k).append(e.getCause().getMessage());\n"
          + "    }\n"
          + "    int j;\n"
          + "    for (k = Await.of(pd(n, 1)), j = k++; k < 4; k++) {\n"
          + "      sb.append(k).append(j);\n"
          + "    }\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "Q8"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void patternsAcrossAwaits(int n) {
    Harness.assertSameAsSync(compiled, "Q8", "patternsAcrossAwaits", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void varargsAndFailingLoops(int n) {
    Harness.assertSameAsSync(compiled, "Q8", "varargsAndFailingLoops", n);
  }
}
