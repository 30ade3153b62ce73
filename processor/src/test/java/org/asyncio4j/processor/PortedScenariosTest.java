package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenarios of prior-art.md section 5 not covered elsewhere: every primitive type live across
 * awaits (B6), arrays and varargs (B7), null-then-assigned locals and sibling scopes reusing names
 * (B8), method references and lambdas calling @Async methods (F35), local class hosts (A5/F36).
 */
class PortedScenariosTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import java.util.function.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class B {\n"
          + "  @Async\n"
          + "  static Coroutine<String> primitives(List<String> log, byte b, short s, char c, int"
          + " i,\n"
          + "      long l, float f, double d, boolean z) {\n"
          + "    byte b2 = Await.of(p(b));\n"
          + "    short s2 = Await.of(d(s));\n"
          + "    char c2 = Await.of(p(c));\n"
          + "    float f2 = Await.of(p(f)) * 2;\n"
          + "    boolean z2 = !Await.of(d(z));\n"
          + "    b += b2; s *= s2; c++; i -= Await.of(p(i)) - 1; l <<= Await.of(d(2)); d /="
          + " Await.of(p(4.0));\n"
          + "    return Coroutine.of(\"\" + b + s + c + c2 + i + l + f2 + d + z2);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> arrays(List<String> log, int... xs) {\n"
          + "    int[][] grid = new int[Await.of(p(2))][Await.of(d(3))];\n"
          + "    String[] names = {\"a\", Await.of(p(\"b\"))};\n"
          + "    for (int k = 0; k < xs.length; k++) {\n"
          + "      grid[k % 2][k % 3] += Await.of(p(xs[k]));\n"
          + "    }\n"
          + "    return Coroutine.of(Arrays.deepToString(grid) + Arrays.toString(names) +"
          + " xs.length);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> scopes(List<String> log, int n) {\n"
          + "    String out = null;\n"
          + "    if (n > 0) {\n"
          + "      int v = Await.of(p(n));\n"
          + "      out = \"int \" + v;\n"
          + "    } else {\n"
          + "      String v = Await.of(d(\"s\" + n));\n"
          + "      out = \"str \" + v;\n"
          + "    }\n"
          + "    for (int j = 0; j < 2; j++) { int v = Await.of(d(j)); out += v; }\n"
          + "    { long v = Await.of(p(9L)); out += v; }\n"
          + "    Integer boxed = null;\n"
          + "    boxed = Await.of(p(n));\n"
          + "    return Coroutine.of(out + boxed);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Integer> twice(int x) {\n"
          + "    return Coroutine.of(Await.of(d(x)) * 2);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<List<Integer>> references(List<String> log) {\n"
          + "    Function<Integer, Coroutine<Integer>> f = B::twice;\n"
          + "    Function<Integer, Coroutine<Integer>> g = x -> B.twice(x + 1);\n"
          + "    List<Integer> out = new ArrayList<>();\n"
          + "    out.add(Await.of(f.apply(1)));\n"
          + "    out.add(Await.of(g.apply(1)));\n"
          + "    out.addAll(Await.of(Asyncio.gather(List.of(1, 2, 3).stream().map(B::twice)\n"
          + "        .collect(java.util.stream.Collectors.toList()))));\n"
          + "    return Coroutine.of(out);\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled =
        Harness.compile(
            Harness.HELPERS,
            SOURCE,
            Harness.reference(SOURCE, "B").replace("B::twice", "BRef::twice"));
  }

  @Test
  void everyPrimitiveTypeAcrossAwaits() {
    Harness.assertSameAsSync(
        compiled, "B", "primitives", (byte) 3, (short) 4, 'x', 10, 5L, 1.5f, 9.0, true);
  }

  @Test
  void arraysAndVarargs() {
    Harness.assertSameAsSync(compiled, "B", "arrays", (Object) new int[] {1, 2, 3, 4, 5});
  }

  @Test
  void siblingScopesReuseNamesWithDifferentTypes() {
    Harness.assertSameAsSync(compiled, "B", "scopes", 3);
    Harness.assertSameAsSync(compiled, "B", "scopes", -1);
  }

  @Test
  void methodReferencesAndLambdasReachTheGeneratedCoroutines() {
    assertEquals(
        java.util.List.of(2, 4, 2, 4, 6),
        compiled.run("t.BAsync", "references", new java.util.ArrayList<String>()));
  }

  @Test
  void localClassHostsAndMethodReferencesOutsideAsyncAreErrors() {
    JavaFileObject f =
        JavaFileObjects.forSourceString(
            "t.L",
            "package t;\n"
                + "import org.asyncio4j.*;\n"
                + "public class L {\n"
                + "  static Object make() {\n"
                + "    class Local {\n"
                + "      @Async Coroutine<Void> m() { return Coroutine.done(); }\n"
                + "    }\n"
                + "    return new Local();\n"
                + "  }\n"
                + "  @Async static Coroutine<Integer> one() { return Coroutine.of(1); }\n"
                + "  static java.util.function.Supplier<Coroutine<Integer>> ref() { return L::one;"
                + " }\n"
                + "}\n");
    Compilation c =
        com.google.testing.compile.Compiler.javac().withProcessors(new AsyncProcessor()).compile(f);
    assertThat(c)
        .hadErrorContaining("cannot be declared in a local or anonymous class")
        .inFile(f)
        .onLine(6)
        .atColumn(30);
    assertThat(c)
        .hadErrorContaining("call the generated coroutine LAsync.one(...) instead")
        .inFile(f)
        .onLine(11)
        .atColumn(73);
  }
}
