package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Poly arguments (diamonds, generic calls, conditionals of lambdas, switch expressions) evaluated
 * before a later await in the same call, where overloads of the same arity take different types at
 * that position: the method javac selects is the one the other arguments' known types leave
 * applicable, and the argument is typed by its parameter; a switch expression converts each result
 * to its target (JLS 15.28.1), in a call, a constructor call and an array initializer
 * (differential).
 */
class QaPolyOverloadsTest {
  static final String SOURCE =
      """
      package t;
      import java.util.*;
      import java.util.function.*;
      import org.asyncio4j.*;
      import static t.H.*;
      public final class PO {
        static Coroutine<Integer> pi(int k) { return p(k); }
        static Coroutine<Integer> di(int k) { return d(k); }
        static Coroutine<String> ds(String s) { return d(s); }
        static String pick(List<String> l, int x) { return "pick(List<String>) " + l.size() + x; }
        static String pick(Object o, String x) { return "pick(Object) " + x; }
        static String lam(Function<String, Integer> f, int x) {
          return "lam(Function) " + f.apply("abc") + x;
        }
        static String lam(Runnable r, String x) { r.run(); return "lam(Runnable) " + x; }
        static String sw(Object o, int x) {
          return "sw(Object) " + o.getClass().getSimpleName() + o + x;
        }
        static String sw(String s, String x) { return "sw(String) " + s + x; }
        static String both(Object o, int x) {
          return "both(Object) " + o.getClass().getSimpleName() + o + x;
        }
        static String both(Number n, int x) {
          return "both(Number) " + n.getClass().getSimpleName() + n + x;
        }
        static String prim(long v, int x) { return "prim(long) " + v + x; }
        static String prim(String v, int x) { return "prim(String) " + v + x; }
        static final class Made {
          final String text;
          Made(Object o, int x) { text = "Made(Object) " + o.getClass().getSimpleName() + o + x; }
          Made(String s, String x) { text = "Made(String) " + s + x; }
        }
        @Async
        static Coroutine<String> narrowedByOtherArguments(List<String> log, int k) {
          String a = pick(new ArrayList<>(), Await.of(pi(k)));
          String b = pick(Collections.emptyList(), Await.of(di(k)));
          String c = lam(k > 0 ? s -> s.length() : s -> -1, Await.of(pi(k)));
          String e =
              lam(k > 0 ? () -> log.add("ran") : () -> log.add("ran too"), Await.of(ds("r")));
          String f = pick(k > 0 ? new ArrayList<>() : List.of(), Await.of(pi(k)));
          return Coroutine.of(String.join(" / ", a, b, c, e, f));
        }
        @Async
        static Coroutine<String> switchExpressionArguments(List<String> log, int k) {
          String a = sw(switch (k) { case 0 -> 1; default -> 'a'; }, Await.of(di(k)));
          String b =
              both(switch (k) { case 0 -> 1; case 1 -> 2L; default -> 3.5f; }, Await.of(pi(k)));
          String c = prim(switch (k) { case 0 -> 3; default -> 'c'; }, Await.of(di(k)));
          String e = new Made(switch (k) { case 0 -> 4; default -> 'e'; }, Await.of(pi(k))).text;
          Object[] arr = {switch (k) { case 0 -> 5; default -> 'f'; }, Await.of(di(k))};
          String f = arr[0].getClass().getSimpleName() + arr[0] + arr[1];
          String g = both(
              switch (k) { case 0 -> 6; default -> { log.add("blk"); yield (short) 9; } },
              Await.of(d(k)));
          String h = "" + switch (k) { case 0 -> 7; default -> 'h'; } + Await.of(pi(k));
          return Coroutine.of(String.join(" / ", a, b, c, e, f, g, h));
        }
      }
      """;

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "PO"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2})
  void overloadsNarrowedByTheOtherArgumentsKnownTypes(int k) {
    Harness.assertSameAsSync(compiled, "PO", "narrowedByOtherArguments", k);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void switchExpressionArgumentsConvertEachResultToTheirTarget(int k) {
    Harness.assertSameAsSync(compiled, "PO", "switchExpressionArguments", k);
  }
}
