package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Arguments evaluated before a later await in the same call whose type javac infers from the called
 * method's parameter (diamonds, generic method calls, conditionals, lambdas), with overloads,
 * generic methods, instance receivers and varargs: the call resolves as in the original
 * (differential).
 */
class PolyArgumentsTest {
  static final String SOURCE =
      """
      package t;
      import java.util.*;
      import java.util.function.*;
      import org.asyncio4j.*;
      import static t.H.*;
      public final class A {
        static String use(List<String> l, int x) { l.add("u" + x); return "use " + l; }
        static String pick(List<String> l, int x) { return "pick(List<String>) " + l.size() + x; }
        static String pick(Object o, int x) { return "pick(Object) " + x; }
        static String show(int i, String s) { return "show(int) " + i + s; }
        static String show(Integer i, String s) { return "show(Integer) " + i + s; }
        static <T> List<T> both(List<T> a, T extra) {
          List<T> r = new ArrayList<>(a);
          r.add(extra);
          return r;
        }
        static String joinAll(String sep, List<String> first, String... rest) {
          return String.join(sep, first) + sep + String.join(sep, rest);
        }
        static long sum(long... xs) { long s = 0; for (long x : xs) s += x; return s; }
        static String apply(Function<String, String> f, String v) { return f.apply(v); }
        static String opt(Optional<String> o, String v) { return o.orElse("none") + v; }
        static Map<String, List<Integer>> table() { return new HashMap<>(); }
        static int next(List<String> log) { log.add("next"); return 5; }
        static <F> F choose(F f) { return f; }
        static final class Holder {
          final String text;
          Holder(List<String> l, String s) { l.add(s); text = "holder " + l; }
        }
        static final class Box<T> {
          final List<T> items = new ArrayList<>();
          String put(List<T> more, T one) {
            items.addAll(more);
            items.add(one);
            return "box " + items;
          }
        }
        @Async
        static Coroutine<String> diamondsAndGenericCalls(List<String> log, int k) {
          String a = use(new ArrayList<>(), Await.of(p(k)));
          String b = use(List.of(), Await.of(d(k)));
          String c = pick(new ArrayList<>(), Await.of(p(k)));
          String e = pick(Collections.emptyList(), Await.of(d(k)));
          List<String> f = both(new ArrayList<>(), Await.of(p("x" + k)));
          String g = opt(Optional.empty(), Await.of(d("!")));
          Map<String, List<Integer>> m = table();
          m.put("k", new ArrayList<>(List.of(Await.of(p(k)))));
          return Coroutine.of(String.join(" / ", a, b, c, e, f.toString(), g, m.toString()));
        }
        @Async
        static Coroutine<String> overloadsReceiversAndVarargs(List<String> log, int k) {
          String a = show(next(log), Await.of(p("s" + k)));
          String b = joinAll(",", new ArrayList<>(), "r" + k, Await.of(d("last")));
          long c = sum(k, 2L, Await.of(p(3)));
          String e = apply(s -> s + k, Await.of(d("fn")));
          Box<String> box = new Box<>();
          String f = box.put(new ArrayList<>(), Await.of(p("one")));
          String g = pick(k > 1 ? new ArrayList<>() : List.of(), Await.of(d(k)));
          String h = apply(k > 1 ? s -> s + "!" : s -> s + "?", Await.of(p("cond")));
          String i = apply(choose(s -> s + k), Await.of(d("chosen")));
          String j = new Holder(new ArrayList<>(), Await.of(p("made"))).text;
          String l = apply(k > 1 ? String::trim : String::strip, Await.of(d(" ref ")));
          return Coroutine.of(String.join(" / ", a, b, "" + c, e, f, g, h, i, j, l));
        }
      }
      """;

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "A"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2})
  void diamondsAndGenericCallsBeforeAnAwait(int k) {
    Harness.assertSameAsSync(compiled, "A", "diamondsAndGenericCalls", k);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2})
  void overloadsReceiversAndVarargsBeforeAnAwait(int k) {
    Harness.assertSameAsSync(compiled, "A", "overloadsReceiversAndVarargs", k);
  }
}
