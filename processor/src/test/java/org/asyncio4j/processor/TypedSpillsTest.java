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
 * Operands evaluated before a later await in the same expression are spilled into temporaries of
 * their own static type when the processor knows it (literals, locals, operators, primitive casts,
 * non-generic calls, awaited values of known type): overloads see the same types as in the original
 * (differential), and a loop of such expressions over done awaitables allocates nothing.
 */
class TypedSpillsTest {
  static final String SOURCE =
      """
      package t;
      import java.util.*;
      import org.asyncio4j.*;
      import static t.H.*;
      public final class T {
        static String kind(int v) { return "int " + v; }
        static String kind(long v) { return "long " + v; }
        static String kind(double v) { return "double " + v; }
        static String kind(char v) { return "char " + v; }
        static String kind(Object v) { return "Object " + v; }
        static String two(Object a, Object b) { return kind(a) + "," + b; }
        static String two(int a, Object b) { return kind(a) + "," + b; }
        static String two(long a, Object b) { return kind(a) + "," + b; }
        static String two(String a, Object b) { return "String " + a + "," + b; }
        static int twice(int x) { return 2 * x; }
        static String any(Object a, Object b) { return "any " + a + "," + b; }
        static Coroutine<Integer> number(int v) { return d(v); }
        @Async
        static Coroutine<String> operators(List<String> log, int k) {
          char c = 'a';
          byte b = 3;
          long l = 40L;
          double x = 0.5;
          Integer boxed = k;
          List<String> out = new ArrayList<>();
          out.add(two(c + 1, Await.of(p(1))));
          out.add(two(b << 2, Await.of(d(2))));
          out.add(two(l * k, Await.of(p(3))));
          out.add(two(k + x, Await.of(d(4))));
          out.add(two("s" + k + c, Await.of(p(5))));
          out.add(two(boxed + 1, Await.of(d(6))));
          out.add(two(-b, Await.of(p(7))));
          out.add(two((char) (c + k), Await.of(d(8))));
          out.add(two(k > 1 && c == 'a', Await.of(p(9))));
          out.add(two(twice(k), Await.of(d(10))));
          out.add(two(Await.of(number(k)), Await.of(p(11))));
          out.add(kind(Await.of(number(k)) + Await.of(p(12L))));
          out.add(two(k++, Await.of(d(13))) + k);
          out.add(two(log(log, "side", k) * 2, Await.of(p(14))));
          out.add(any(switch (k) {
            case 0 -> Await.of(number(1));
            default -> Await.of(number(k));
          }, Await.of(d(15))));
          out.add(any(k > 1 ? Await.of(number(1)) : Await.of(number(2)), Await.of(p(16))));
          out.add(any(k > 1 ? Await.of(number(1)) : k, Await.of(d(17))));
          return Coroutine.of(String.join("; ", out));
        }
        @Async
        static Coroutine<Long> spillsInALoop(List<String> log, int n) {
          Coroutine<Integer> one = Coroutine.of(1);
          long sum = 0;
          for (int i = 0; i < n; i++) {
            sum += i * 1000 + Await.of(one);
            sum += Await.of(one) + Await.of(one) * 2;
            sum += twice(i) - Await.of(one);
          }
          return Coroutine.of(sum);
        }
      }
      """;

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "T"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2})
  void spilledOperandsKeepTheirStaticTypes(int k) {
    Harness.assertSameAsSync(compiled, "T", "operators", k);
  }

  @Test
  void spilledOperandsAreNotBoxedAndNeedNoWitness() {
    String src = compiled.generatedSource("t.TAsync");
    String loop = src.substring(src.indexOf("class spillsInALoop"));
    assertTrue(loop.contains("int $t0;") && loop.contains("Integer $t1;"), loop);
    assertTrue(!loop.contains("stored("), loop);
    // A generic call's type is left to javac: the witness stays.
    assertTrue(src.contains("stored($t13, () -> log(log, \"side\", k) * 2)"), src);
    // Switch and conditional expressions whose results all have the same known type.
    assertTrue(src.contains("Integer $t14;") && src.contains("Integer $t15;"), src);
    assertTrue(src.contains("out.add(any($t14, readyResult($ready, "), src);
    assertTrue(src.contains("any(stored($t16, () -> k > 1 ? Await.of(number(1)) : k), "), src);
  }

  @Test
  void expressionLevelSpillsOfDoneValuesAllocateNothing() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(
        mx instanceof com.sun.management.ThreadMXBean, "allocation counters need HotSpot");
    com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
    long id = Thread.currentThread().getId();
    int n = 1_000_000;
    long expected = 0;
    for (long i = 0; i < n; i++) {
      expected += i * 1000 + 1 + 3 + 2 * i - 1;
    }
    compiled.run("t.TAsync", "spillsInALoop", new ArrayList<String>(), n); // warm up
    long before = hs.getThreadAllocatedBytes(id);
    Object sum = compiled.run("t.TAsync", "spillsInALoop", new ArrayList<String>(), n);
    long allocated = hs.getThreadAllocatedBytes(id) - before;
    assertEquals(expected, sum);
    // A boxed value or a witness lambda per spill would be at least 16 MB here.
    assertTrue(allocated < 4_000_000, n + " iterations allocated " + allocated + " bytes");
  }
}
