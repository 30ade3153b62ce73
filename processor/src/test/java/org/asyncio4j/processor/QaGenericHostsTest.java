package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adversarial combinations of constructs that other tests check one at a time (issue #3), each
 * compared with the synchronous run of the same code: side-effect order, result and exception.
 */
class QaGenericHostsTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class Q10 {\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  static class Root {\n"
          + "    String who() { return \"root\"; }\n"
          + "  }\n"
          + "  abstract static class Tree<K extends Comparable<K>> extends Root {\n"
          + "    final List<String> log;\n"
          + "    Tree(List<String> log) { this.log = log; }\n"
          + "    @Override String who() { return \"tree\"; }\n"
          + "    String superWho() { return super.who(); }\n"
          + "    @Async\n"
          + "    <U extends K> Coroutine<List<? super U>> collect(List<? extends U> in, int depth) {\n"
          + "      List<K> out = new ArrayList<>();\n"
          + "      for (U u : in) {\n"
          + "        K k = Await.of(pd(depth, u));\n"
          + "        if (out.isEmpty() || out.get(out.size() - 1).compareTo(k) < 0) out.add(k);\n"
          + "      }\n"
          + "      if (depth > 0) {\n"
          + "        List<? super U> more = Await.of(collect(in.subList(1, in.size()), depth - 1));\n"
          + "        log.add(\"more \" + more + superWho() + who() + this.who());\n"
          + "      }\n"
          + "      return Coroutine.of(out);\n"
          + "    }\n"
          + "    @Async\n"
          + "    Coroutine<Integer> size(Tree<K> other, List<K> xs, int n) {\n"
          + "      if (n == 0) return Coroutine.of(xs.size());\n"
          + "      int mine = Await.of(pd(n, xs.size()));\n"
          + "      return Coroutine.of(mine + Await.of(other.size(this, xs, n - 1)));\n"
          + "    }\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> genericHosts(List<String> log, int n) {\n"
          + "    Tree<String> t = MAKE;\n"
          + "    List<? super String> r = Await.of(t.collect(List.of(\"b\", \"a\", \"c\", \"d\"), n));\n"
          + "    int s = Await.of(t.size(t, List.of(\"x\", \"y\"), n + 2));\n"
          + "    return Coroutine.of(r + \" \" + s);\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled =
        Harness.compile(
            Harness.HELPERS,
            SOURCE.replace("MAKE", "new Q10_TreeAsync<String>(log)"),
            Harness.reference(SOURCE.replace("MAKE", "new Tree<String>(log) {}"), "Q10"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void genericHosts(int n) {
    Harness.assertSameAsSync(compiled, "Q10", "genericHosts", n);
  }
}
