package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compound assignments to elements and fields whose parts await, with lambdas in their right side
 * that capture a loop's per-iteration local (each lambda keeps its own iteration's value), and
 * compound assignments to an instance host's fields ({@code count}, {@code this.count}), each
 * compared with the synchronous run of the same code.
 */
class QaCompoundCapturesTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import java.util.function.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class CC {\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  static int keep(List<IntSupplier> sups, IntSupplier s) { sups.add(s); return 1; }\n"
          + "  static final class Box { int f; }\n"
          + "  @Async\n"
          + "  static Coroutine<String> lambdasInCompoundRightSides(List<String> log, int n) {\n"
          + "    List<IntSupplier> sups = new ArrayList<>();\n"
          + "    int[] a = {0, 0};\n"
          + "    Box b = new Box();\n"
          + "    for (int i = 0; i < 3; i++) {\n"
          + "      int k = i * 10;\n"
          + "      a[0] += Await.of(pd(n, 1)) + keep(sups, () -> k);\n"
          + "      a[Await.of(pd(n, 1))] += keep(sups, () -> k + 1);\n"
          + "      b.f += Await.of(pd(n, 2)) * keep(sups, () -> k + 2);\n"
          + "      int v = (a[1] -= Await.of(pd(n, 1)) - keep(sups, () -> k + 3)) + 0;\n"
          + "      log.add(\"v\" + v);\n"
          + "    }\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    for (IntSupplier s : sups) sb.append(s.getAsInt()).append(',');\n"
          + "    return Coroutine.of(sb + Arrays.toString(a) + b.f);\n"
          + "  }\n"
          + "  abstract static class Counter {\n"
          + "    int count = 1;\n"
          + "    long total;\n"
          + "    <T> T echo(T v) { return v; }\n"
          + "    @Async\n"
          + "    Coroutine<String> bump(List<String> log, int n) {\n"
          + "      count += Await.of(pd(n, 2));\n"
          + "      this.count *= Await.of(pd(n, 3));\n"
          + "      total += (this.count += Await.of(pd(n, 1))) + (count -= 1);\n"
          + "      this.total <<= Await.of(pd(n, 2));\n"
          + "      String e = this.<String>echo(Await.of(pd(n, \"e\"))) + this.<Integer>echo(count);\n"
          + "      int[] cells = {1, 2};\n"
          + "      for (int c : cells) total += this.<Integer>echo(c) * Await.of(pd(n + c, 1));\n"
          + "      return Coroutine.of(count + \"/\" + total + e);\n"
          + "    }\n"
          + "  }\n"
          + "  static final class CounterImpl extends Counter {}\n"
          + "}\n";

  static final String GENERATORS =
      "package t;\n"
          + "import java.util.*;\n"
          + "import java.util.function.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class CG {\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  @Async\n"
          + "  static AsyncGenerator<IntSupplier> suppliers(List<String> log, int n) {\n"
          + "    for (int i = 0; i < 3; i++) {\n"
          + "      int k = i * 10 + Await.of(pd(n, 1));\n"
          + "      Yield.of((IntSupplier) () -> k);\n"
          + "      Yield.of(Await.of(pd(n, 0)) == 0 ? (IntSupplier) () -> k + 1 : (IntSupplier)"
          + " () -> 0);\n"
          + "    }\n"
          + "    return AsyncGenerator.end();\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> lambdasYieldedAndInInitializers(List<String> log, int n)"
          + " {\n"
          + "    List<IntSupplier> got = new ArrayList<>();\n"
          + "    for (IntSupplier s : Await.each(suppliers(log, n))) got.add(s);\n"
          + "    List<Object[]> rows = new ArrayList<>();\n"
          + "    for (int i = 0; i < 3; i++) {\n"
          + "      int k = i * 100;\n"
          + "      Object[] row = {(IntSupplier) () -> k, Await.of(pd(n, i))};\n"
          + "      rows.add(row);\n"
          + "      Object[] late = {Await.of(pd(n, i)), (IntSupplier) () -> k + 1};\n"
          + "      rows.add(new Object[] {late[1], late[0]});\n"
          + "    }\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    for (IntSupplier s : got) sb.append(s.getAsInt()).append(',');\n"
          + "    for (Object[] r : rows) sb.append(((IntSupplier) r[0]).getAsInt()).append(r[1]);\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(
            Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "CC"), GENERATORS);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void lambdasInCompoundAssignmentsKeepTheirIterationsValues(int n) {
    Harness.assertSameAsSync(compiled, "CC", "lambdasInCompoundRightSides", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void lambdasYieldedByAGeneratorOrInAnArrayInitializerKeepTheirIterationsValues(int n) {
    List<String> log = new ArrayList<>();
    Object result = compiled.run("t.CGAsync", "lambdasYieldedAndInInitializers", log, n);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      expected.append(i * 10 + 1).append(',').append(i * 10 + 2).append(',');
    }
    for (int i = 0; i < 3; i++) {
      expected.append(i * 100).append(i).append(i * 100 + 1).append(i);
    }
    assertEquals(expected.toString(), result);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void compoundAssignmentsToAnInstanceHostsFields(int n) throws Exception {
    List<String> asyncLog = new ArrayList<>();
    List<String> syncLog = new ArrayList<>();
    Object counterAsync = create("t.CC_CounterAsync");
    Object counterSync = create("t.CCRef$CounterImpl");
    String async =
        Harness.outcome(
            () ->
                org.asyncio4j.Asyncio.run(
                    (org.asyncio4j.Coroutine<?>) bump(counterAsync, asyncLog, n), Harness.VT));
    String sync =
        Harness.outcome(() -> compiled.call("t.H", "sync", bump(counterSync, syncLog, n)));
    assertEquals(true, sync.startsWith("value "), sync);
    assertEquals(sync + " " + syncLog, async + " " + asyncLog);
  }

  private static Object create(String className) throws ReflectiveOperationException {
    java.lang.reflect.Constructor<?> c = compiled.load(className).getDeclaredConstructor();
    c.setAccessible(true);
    return c.newInstance();
  }

  private static Object bump(Object counter, List<String> log, int n) {
    try {
      Class<?> c = counter.getClass();
      while (!c.getSimpleName().equals("Counter")) {
        c = c.getSuperclass();
      }
      java.lang.reflect.Method m = c.getDeclaredMethod("bump", List.class, int.class);
      m.setAccessible(true);
      return m.invoke(counter, log, n);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw Harness.sneaky(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
