package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pattern matching (JDK 21+ sources) around awaits, differential: switches whose cases are type
 * patterns, record patterns (nested, with {@code var}), guards and {@code case null}, as statements
 * (arrows and colons) and as expressions (exhaustive over a sealed interface, nested in a larger
 * expression); record patterns in lowered conditions. The bindings are used after awaits. Skipped
 * when the tests run on a JDK older than 21.
 */
class PatternSwitchesTest {
  static final String SOURCE =
      """
      package t;
      import java.util.*;
      import org.asyncio4j.*;
      import static t.H.*;
      public final class P {
        sealed interface Shape permits Circle, Rect {}
        record Circle(int r) implements Shape {}
        record Rect(int w, int h) implements Shape {}
        record Box(Object content) {}
        static Object sample(int k) {
          return switch (k) {
            case 0 -> new Circle(2);
            case 1 -> new Rect(3, 4);
            case 2 -> new Box(new Rect(5, 6));
            case 3 -> new Box("in a box");
            case 4 -> "text";
            case 5 -> 42;
            case 6 -> -7;
            case 7 -> null;
            default -> 1.5;
          };
        }
        @Async
        static Coroutine<String> arrows(List<String> log, int k) {
          Object o = sample(k);
          String r;
          switch (o) {
            case null -> r = "null " + Await.of(p(k));
            case Circle(int radius) -> {
              int a = Await.of(p(radius));
              log.add("circle " + a);
              r = "circle " + (a * radius);
            }
            case Rect(int w, var h) when w > 4 -> r = "wide " + Await.of(d(w)) + "x" + h;
            case Rect(var w, int h) -> {
              log.add("rect " + Await.of(p(w)));
              r = "rect " + w * h;
            }
            case Box(Rect(int w, int h)) -> r = "boxed rect " + Await.of(p(w + h)) + " " + w;
            case Box(var c) -> r = "box " + Await.of(p(c)) + " " + c;
            case Integer v when v > 0 -> r = "positive " + (Await.of(p(v)) + v);
            case Integer v -> r = "int " + Await.of(d(v)) + v;
            case String v -> r = "string " + Await.of(p(v.length())) + v;
            default -> r = "other " + Await.of(p(o));
          }
          log.add(r);
          return Coroutine.of(r);
        }
        @Async
        static Coroutine<Integer> colons(List<String> log, int k) {
          int sum = 0;
          switch (sample(k)) {
            case Circle c:
              sum += Await.of(p(c.r()));
              log.add("c " + c);
              break;
            case Rect(int w, int h) when h > 4:
              sum += Await.of(d(w));
              sum += h;
              break;
            case String s:
              log.add("s " + Await.of(p(s)));
              sum = s.length();
              break;
            default:
              sum = -1;
          }
          return Coroutine.of(sum);
        }
        @Async
        static Coroutine<Integer> sealedExpression(List<String> log, int k) {
          Shape s = k % 2 == 0 ? new Circle(k) : new Rect(k, k + 1);
          int area = 100 + switch (s) {
            case Circle(int r) -> Await.of(p(r)) * r * 3;
            case Rect(int w, int h) -> {
              int ww = Await.of(d(w));
              log.add("rect " + ww + " " + h);
              yield ww * h;
            }
          };
          return Coroutine.of(area);
        }
        @Async
        static Coroutine<String> conditions(List<String> log, int k) {
          Object o = sample(k);
          if (o instanceof Rect(int w, int h) && w > 0) {
            int a = Await.of(p(w));
            return Coroutine.of("rect " + (a + h));
          }
          StringBuilder sb = new StringBuilder();
          while (o instanceof Box(var inner)) {
            sb.append(Await.of(p("box ")));
            log.add("inner " + inner);
            o = inner;
          }
          return Coroutine.of(sb + String.valueOf(o));
        }
        @Async
        static Coroutine<Integer> earlyReturn(List<String> log, int k) {
          if (!(sample(k) instanceof Rect(int w, var h))) return Coroutine.of(-1);
          int a = Await.of(p(w));
          log.add("h " + h);
          return Coroutine.of(a * 100 + h);
        }
      }
      """;

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    Assumptions.assumeTrue(
        Runtime.version().feature() >= 21, "record patterns and pattern switches need JDK 21+");
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "P"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
  void patternSwitchStatementsWithArrowsAndColons(int k) {
    Harness.assertSameAsSync(compiled, "P", "arrows", k);
    Harness.assertSameAsSync(compiled, "P", "colons", k);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 5})
  void exhaustiveSwitchExpressionOverASealedInterface(int k) {
    Harness.assertSameAsSync(compiled, "P", "sealedExpression", k);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 7})
  void recordPatternsInLoweredConditions(int k) {
    Harness.assertSameAsSync(compiled, "P", "conditions", k);
    Harness.assertSameAsSync(compiled, "P", "earlyReturn", k);
  }

  @Test
  void anAwaitInACaseGuardIsAClearError() {
    Assumptions.assumeTrue(Runtime.version().feature() >= 21);
    Compilation c =
        Harness.compileOnly(
            Harness.HELPERS,
            """
            package t;
            import org.asyncio4j.*;
            import static t.H.*;
            public final class G {
              @Async
              static Coroutine<Integer> m(Object o) {
                switch (o) {
                  case Integer i when Await.of(p(i)) > 0 -> { return Coroutine.of(i); }
                  default -> { return Coroutine.of(Await.of(d(0))); }
                }
              }
            }
            """);
    assertThat(c).hadErrorContaining("Await.of is not supported inside a case guard ('when ...')");
  }

  @Test
  void aGuardThatUsesThisOrARenamedLocalIsAClearError() {
    Assumptions.assumeTrue(Runtime.version().feature() >= 21);
    Compilation c =
        Harness.compileOnly(
            Harness.HELPERS,
            """
            package t;
            import org.asyncio4j.*;
            import static t.H.*;
            public abstract class I {
              int limit = 3;
              @Async
              Coroutine<Integer> m(Object o, int k) {
                if (k > 0) {
                  String w = "x" + Await.of(d(k));
                } else {
                  int w = Await.of(d(k));
                }
                int w = 2;
                switch (o) {
                  case Integer i when i > this.limit -> { return Coroutine.of(Await.of(d(i))); }
                  case Long v when v > w -> { return Coroutine.of(Await.of(d(1))); }
                  default -> { return Coroutine.of(0); }
                }
              }
            }
            """);
    assertThat(c)
        .hadErrorContaining(
            "the labels of a switch whose cases await are copied into the generated coroutine as"
                + " written, where 'this' (the coroutine there) would mean something else.");
    assertThat(c).hadErrorContaining("where the local 'w' (held in the field w$");
  }
}
