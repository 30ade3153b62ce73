package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #7's second hunt: combinations that the earlier Qa tests did not cover, each compared with
 * the synchronous run of the same code (awaits on done and pending values: result, side-effect
 * order, exception).
 */
class QaSecondHuntTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import java.util.function.*;\n"
          + "import java.util.stream.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "import static java.lang.Math.max;\n"
          + "import static java.util.Objects.requireNonNullElse;\n"
          + "public final class S {\n"
          + "  static int base = 10;\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  static int max(int a, int b) { return a * 1000 + b; }\n"
          + "  static <T> T id(T v) { return v; }\n"
          + "  static <T> List<T> listOf(T a, T b) { return new ArrayList<>(List.of(a, b)); }\n"
          + "  static String join(String sep, String... parts) {\n"
          + "    return parts == null ? \"null-array\" : parts.length + \":\""
          + " + String.join(sep, parts);\n"
          + "  }\n"
          + "  static long sum(long first, long... rest) {\n"
          + "    long s = first;\n"
          + "    if (rest == null) return -s;\n"
          + "    for (long r : rest) s += r;\n"
          + "    return s;\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> streamsAroundAwaits(List<String> log, int n) {\n"
          + "    List<Integer> list = new ArrayList<>(List.of(1, 2, 3));\n"
          + "    int k = Await.of(pd(n, 2));\n"
          + "    int s = list.stream().map(x -> x * k).reduce(0, Integer::sum) + Await.of(pd(n,"
          + " 100));\n"
          + "    List<Integer> out = Stream.of(Await.of(pd(n, 5)), k).map(x -> x + k)"
          + ".collect(Collectors.toList());\n"
          + "    String j = list.stream().filter(x -> x > k - 1).map(String::valueOf)"
          + ".collect(Collectors.joining(Await.of(pd(n, \",\"))));\n"
          + "    Supplier<Integer> sup = () -> k + base;\n"
          + "    int t = sup.get() + Await.of(pd(n, 1)) + list.stream().mapToInt(x -> x).sum();\n"
          + "    return Coroutine.of(s + \" \" + out + \" \" + j + \" \" + t);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> explicitTypeArgumentsAndVarargs(List<String> log, int n)"
          + " {\n"
          + "    String a = S.<String>id(Await.of(pd(n, \"a\")));\n"
          + "    List<CharSequence> l = S.<CharSequence>listOf(log(log, \"x\", \"x\"),"
          + " Await.of(pd(n, \"y\")));\n"
          + "    Object o = S.<Object>id(Await.of(pd(n, 3)));\n"
          + "    String v1 = join(Await.of(pd(n, \"-\")), log(log, \"p\", \"p\"),"
          + " Await.of(pd(n + 1, \"q\")), Await.of(pd(n, \"r\")));\n"
          + "    String v2 = join(log(log, \"sep\", \"+\"), Await.of(pd(n, (String[]) null)));\n"
          + "    String v3 = join(\"/\", Await.of(pd(n, new String[] {\"u\", \"w\"})));\n"
          + "    String v4 = join(Await.of(pd(n, \"*\")));\n"
          + "    long v5 = sum(Await.of(pd(n, 1L)), 2, Await.of(pd(n, 3)), 4L);\n"
          + "    long v6 = sum(log(log, \"first\", 7), Await.of(pd(n, (long[]) null)));\n"
          + "    String v7 = join(\",\", (String[]) null) + Await.of(pd(n, \"!\"));\n"
          + "    return Coroutine.of(String.join(\" \", a, l.toString(), o.toString(), v1, v2, v3,"
          + " v4, \"\" + v5, \"\" + v6, v7));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> staticImportsCollidingWithHostMembers(List<String> log,"
          + " int n) {\n"
          + "    int a = max(Await.of(pd(n, 1)), 2);\n"
          + "    int b = max(3, 4);\n"
          + "    int c = Math.max(Await.of(pd(n, 5)), 6);\n"
          + "    String d = requireNonNullElse(Await.of(pd(n, (String) null)), \"dflt\");\n"
          + "    return Coroutine.of(a + \" \" + b + \" \" + c + \" \" + d);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> labelledBlocksAndFinally(List<String> log, int n) {\n"
          + "    String r = \"\";\n"
          + "    outer: {\n"
          + "      try {\n"
          + "        r += Await.of(pd(n, \"a\"));\n"
          + "        inner: {\n"
          + "          try {\n"
          + "            if (n == 1) break inner;\n"
          + "            if (n == 2) break outer;\n"
          + "            r += Await.of(pd(n, \"b\"));\n"
          + "          } finally {\n"
          + "            r += \"[f1 \" + Await.of(pd(n + 1, \"x\")) + \"]\";\n"
          + "          }\n"
          + "          r += \"after-try\";\n"
          + "        }\n"
          + "        r += \"after-inner\";\n"
          + "        if (n == 3) break outer;\n"
          + "        r += Await.of(pd(n, \"c\"));\n"
          + "      } finally {\n"
          + "        log.add(\"f2 \" + r);\n"
          + "        r += \"[f2]\";\n"
          + "      }\n"
          + "      r += \"end-outer\";\n"
          + "    }\n"
          + "    return Coroutine.of(r);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> doWhileContinueInSwitchInTry(List<String> log, int n) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    int i = 0;\n"
          + "    do {\n"
          + "      try {\n"
          + "        switch (i % 3) {\n"
          + "          case 0:\n"
          + "            sb.append(Await.of(pd(i, \"z\")));\n"
          + "            continue;\n"
          + "          case 1:\n"
          + "            if (n == i) throw new IllegalStateException(\"x\" + i);\n"
          + "            sb.append('o');\n"
          + "            break;\n"
          + "          default:\n"
          + "            sb.append(Await.of(pd(i + n, 't')));\n"
          + "            if (i > 4) continue;\n"
          + "            sb.append('!');\n"
          + "        }\n"
          + "        sb.append(';');\n"
          + "      } catch (IllegalStateException e) {\n"
          + "        sb.append(\"caught\").append(Await.of(pd(n, e.getMessage())));\n"
          + "        continue;\n"
          + "      } finally {\n"
          + "        sb.append('|');\n"
          + "        log.add(\"finally \" + i);\n"
          + "      }\n"
          + "      sb.append('.');\n"
          + "    } while (++i < Await.of(pd(i, 7)));\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> charAndShortCompoundAssignments(List<String> log, int n)"
          + " {\n"
          + "    char c = 'a';\n"
          + "    c += Await.of(pd(n, 2));\n"
          + "    c *= Await.of(pd(n, 1));\n"
          + "    short s = 300;\n"
          + "    s *= Await.of(pd(n, 300));\n"
          + "    byte b = 100;\n"
          + "    b += Await.of(pd(n, 100));\n"
          + "    b >>= Await.of(pd(n, 1));\n"
          + "    char d = (char) (c + Await.of(pd(n, 1)));\n"
          + "    int e = c++ + Await.of(pd(n, 0)) + ++c;\n"
          + "    short t = (short) (s - Await.of(pd(n, 1)));\n"
          + "    s -= Await.of(pd(n, 'a'));\n"
          + "    char[] cs = {'x'};\n"
          + "    cs[0] -= Await.of(pd(n, 1));\n"
          + "    float f = 1.5f;\n"
          + "    f += Await.of(pd(n, 0.1));\n"
          + "    int i = 7;\n"
          + "    i /= Await.of(pd(n, 2.5));\n"
          + "    long l = Long.MAX_VALUE;\n"
          + "    l += Await.of(pd(n, 1.0f));\n"
          + "    String str = \"s\";\n"
          + "    str += Await.of(pd(n, 'c'));\n"
          + "    str += Await.of(pd(n, (Object) null));\n"
          + "    return Coroutine.of(\"\" + c + \" \" + (int) c + \" \" + s + \" \" + b + \" \" + d"
          + " + \" \" + e + \" \" + t + \" \" + cs[0] + \" \" + f + \" \" + i + \" \" + l + \" \""
          + " + str);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> forEachOverPrimitiveArrays(List<String> log, int n) {\n"
          + "    int[] ints = {1, 2, 3};\n"
          + "    long total = 0;\n"
          + "    for (int v : ints) {\n"
          + "      total += Await.of(pd(v + n, v));\n"
          + "      ints = new int[] {100};\n"
          + "    }\n"
          + "    double[] ds = {0.5, 1.5};\n"
          + "    for (double v : ds) total += (long) (v * Await.of(pd(n, 2)));\n"
          + "    char[] cs = {'h', 'i'};\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    for (char ch : cs) {\n"
          + "      sb.append(ch).append(Await.of(pd(n, ch)));\n"
          + "      cs[1] = 'X';\n"
          + "    }\n"
          + "    long[] ls = n == 3 ? null : new long[] {5L};\n"
          + "    try {\n"
          + "      for (long v : ls) total += v + Await.of(pd(n, 1));\n"
          + "    } catch (NullPointerException e) {\n"
          + "      log.add(\"NPE before the first element\");\n"
          + "    }\n"
          + "    boolean[] bs = {true, false};\n"
          + "    for (boolean bv : bs) sb.append(bv && Await.of(pd(n, true)));\n"
          + "    return Coroutine.of(total + \" \" + sb + \" \" + Arrays.toString(ints));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> assertStatementsWithoutAwaits(List<String> log, int n) {\n"
          + "    int v = Await.of(pd(n, 4));\n"
          + "    assert v == 4 : \"v was \" + v;\n"
          + "    return Coroutine.of(\"v\" + v);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Long> longAndDoubleLocals(long n) {\n"
          + "    Coroutine<Long> three = Coroutine.of(3L);\n"
          + "    Coroutine<Double> quarter = Coroutine.of(0.25);\n"
          + "    long acc = 0;\n"
          + "    double d = 0;\n"
          + "    for (long i = 0; i < n; i++) {\n"
          + "      long step = i & Await.of(three);\n"
          + "      double half = step / 2.0;\n"
          + "      acc += step;\n"
          + "      d += half + Await.of(quarter);\n"
          + "    }\n"
          + "    return Coroutine.of(acc + (long) d);\n"
          + "  }\n"
          + "  abstract static class Svc {\n"
          + "    int f = 5;\n"
          + "    String name = \"svc\";\n"
          + "    int twice(int x) { return 2 * x; }\n"
          + "    @Async\n"
          + "    Coroutine<String> qualifiedThis(List<String> log, int n) {\n"
          + "      int a = Svc.this.f + Await.of(pd(n, 1));\n"
          + "      Svc.this.f += Await.of(pd(n, 10));\n"
          + "      String s = Svc.this.name + Svc.this.twice(Await.of(pd(n, 3))) + this.f;\n"
          + "      Runnable r = () -> Svc.this.f++;\n"
          + "      r.run();\n"
          + "      return Coroutine.of(a + s + Svc.this.f);\n"
          + "    }\n"
          + "  }\n"
          + "  static final class SvcImpl extends Svc {}\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "S"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void streamsAndLambdasAroundAwaits(int n) {
    Harness.assertSameAsSync(compiled, "S", "streamsAroundAwaits", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void explicitTypeArgumentsAndVarargsWithAwaitsAndNullArrays(int n) {
    Harness.assertSameAsSync(compiled, "S", "explicitTypeArgumentsAndVarargs", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void staticImportsCollidingWithHostMembers(int n) {
    Harness.assertSameAsSync(compiled, "S", "staticImportsCollidingWithHostMembers", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void labelledBlocksLeftFromTryFinallyAcrossAwaits(int n) {
    Harness.assertSameAsSync(compiled, "S", "labelledBlocksAndFinally", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4, 7})
  void doWhileWithContinueInsideSwitchInsideTry(int n) {
    Harness.assertSameAsSync(compiled, "S", "doWhileContinueInSwitchInTry", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void charShortByteAndFloatCompoundAssignmentsAcrossAwaits(int n) {
    Harness.assertSameAsSync(compiled, "S", "charAndShortCompoundAssignments", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3})
  void enhancedForOverPrimitiveArrays(int n) {
    Harness.assertSameAsSync(compiled, "S", "forEachOverPrimitiveArrays", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void assertStatementsBetweenAwaits(int n) {
    Harness.assertSameAsSync(compiled, "S", "assertStatementsWithoutAwaits", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void qualifiedThisOfTheHost(int n) throws Exception {
    java.util.List<String> asyncLog = new ArrayList<>();
    java.util.List<String> syncLog = new ArrayList<>();
    Object svcAsync = create("t.S_SvcAsync");
    Object svcSync = create("t.SRef$SvcImpl");
    String async =
        Harness.outcome(
            () ->
                org.asyncio4j.Asyncio.run(
                    (org.asyncio4j.Coroutine<?>) invoke(svcAsync, asyncLog, n), Harness.VT));
    String sync =
        Harness.outcome(() -> compiled.call("t.H", "sync", invoke(svcSync, syncLog, n)));
    assertEquals("value 6svc61516", sync);
    assertEquals(sync + " " + syncLog, async + " " + asyncLog);
  }

  private static Object create(String className) throws ReflectiveOperationException {
    java.lang.reflect.Constructor<?> c = compiled.load(className).getDeclaredConstructor();
    c.setAccessible(true);
    return c.newInstance();
  }

  private static Object invoke(Object svc, java.util.List<String> log, int n) {
    try {
      java.lang.reflect.Method m =
          compiled
              .load("t.S_SvcAsync")
              .getSuperclass()
              .getDeclaredMethod("qualifiedThis", java.util.List.class, int.class);
      if (!m.getDeclaringClass().isInstance(svc)) {
        m = svc.getClass().getSuperclass().getDeclaredMethod(
            "qualifiedThis", java.util.List.class, int.class);
      }
      m.setAccessible(true);
      return m.invoke(svc, log, n);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw Harness.sneaky(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void longAndDoubleLocalsInATenMillionIterationLoopAllocateNothing() {
    java.lang.management.ThreadMXBean mx =
        java.lang.management.ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(
        mx instanceof com.sun.management.ThreadMXBean, "allocation counters need HotSpot");
    com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
    long id = Thread.currentThread().getId();
    long n = 10_000_000;
    long acc = 0;
    double d = 0;
    for (long i = 0; i < n; i++) {
      long step = i & 3;
      acc += step;
      d += step / 2.0 + 0.25;
    }
    long expected = acc + (long) d;
    compiled.run("t.SAsync", "longAndDoubleLocals", 1000L); // warm up
    long before = hs.getThreadAllocatedBytes(id);
    Object result = compiled.run("t.SAsync", "longAndDoubleLocals", n);
    long allocated = hs.getThreadAllocatedBytes(id) - before;
    assertEquals(expected, result);
    assertTrue(allocated < 4_000_000, n + " iterations allocated " + allocated + " bytes");
  }
}
