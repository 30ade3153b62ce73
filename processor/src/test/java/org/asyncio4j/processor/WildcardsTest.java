package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wildcard-typed locals and parameters ({@code ? extends}, {@code ? super}, nested) used across
 * awaits, as receivers and arguments of spilled operands, and passed to generic methods
 * (differential).
 */
class WildcardsTest {
  static final String SOURCE =
      """
      package t;
      import java.util.*;
      import org.asyncio4j.*;
      import static t.H.*;
      public final class W {
        static String describe(Number n, String x) { return "Number " + n + x; }
        static String describe(Object o, String x) { return "Object " + o + x; }
        static <T> void fill(List<? super T> l, T v, int times) {
          for (int i = 0; i < times; i++) l.add(v);
        }
        static double total(Collection<? extends Number> c, double extra) {
          double t = extra;
          for (Number n : c) t += n.doubleValue();
          return t;
        }
        @Async
        static Coroutine<String> wildcards(List<String> log, int k) {
          List<? extends Number> nums = k > 1 ? List.of(1, 2.5, 3L) : List.of(k);
          double sum = 0;
          for (Number n : nums) {
            sum += n.doubleValue() + Await.of(p(1));
          }
          Number first = nums.get(0);
          String s = describe(nums.get(0), Await.of(d("x")));
          List<Object> objects = new ArrayList<>();
          List<? super Integer> sink = objects;
          sink.add(Await.of(p(7)));
          sink.add(nums.size() + Await.of(d(1)));
          fill(sink, Await.of(p(k)), 2);
          Map<String, ? extends List<? extends Number>> m = Map.of("a", nums);
          int size = m.get("a").size() + Await.of(p(2));
          double t = total(m.get("a"), Await.of(d(0.5)));
          return Coroutine.of(sum + " " + first + " " + s + " " + objects + " " + size + " " + t);
        }
      }
      """;

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "W"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2})
  void wildcardTypedValuesAcrossAwaits(int k) {
    Harness.assertSameAsSync(compiled, "W", "wildcards", k);
  }
}
