package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Local classes, anonymous classes and lambdas created in an {@code @Async} body capture the values
 * of the locals they use at creation time, as in Java, even though those locals live in fields of
 * the coroutine: instances created in earlier loop iterations (a fresh variable each iteration) and
 * called after the loop see their own iteration's values (differential).
 */
class CapturesTest {
  static final String SOURCE =
      """
      package t;
      import java.util.*;
      import java.util.function.*;
      import org.asyncio4j.*;
      import static t.H.*;
      public final class C {
        static boolean keep(List<Supplier<String>> all, Supplier<String> s) {
          all.add(s);
          return true;
        }
        static int register(List<Supplier<String>> all, Supplier<String> s) {
          all.add(s);
          return all.size();
        }
        static String callAll(List<Supplier<String>> all) {
          StringBuilder sb = new StringBuilder();
          for (Supplier<String> s : all) {
            sb.append(s.get()).append(' ');
          }
          return sb.toString();
        }
        @Async
        static Coroutine<String> localClasses(List<String> log, int n) {
          List<Supplier<String>> all = new ArrayList<>();
          for (int j = 0; j < n; j++) {
            int k = Await.of(p(j * 10));
            String tag = "t" + j;
            class Item implements Supplier<String> {
              final String own = "own" + k;
              @Override
              public String get() {
                return tag + ":" + k + ":" + own;
              }
            }
            all.add(new Item());
            Await.of(d(0));
            all.add(new Item());
          }
          return Coroutine.of(callAll(all));
        }
        @Async
        static Coroutine<String> lambdasAndAnonymousClasses(List<String> log, int n) {
          List<Supplier<String>> all = new ArrayList<>();
          int j = 0;
          while (j < n) {
            int k = Await.of(d(j));
            all.add(() -> "lambda" + k);
            all.add(new Supplier<String>() {
              @Override
              public String get() {
                return "anon" + k;
              }
            });
            if (keep(all, () -> "cond" + k) && Await.of(p(true))) {
              log.add("kept " + k);
            }
            int size = register(all, () -> "spilled" + k) + Await.of(p(1));
            log.add("size " + size);
            String v = Await.of(p("v" + j));
            Runnable r = () -> log.add("run " + v + k);
            r.run();
            Supplier<String> made = () -> "later" + v + k;
            Supplier<String> later = Await.of(d(made));
            all.add(later);
            j++;
          }
          return Coroutine.of(callAll(all));
        }
      }
      """;

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "C"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3})
  void localClassInstancesKeepTheirIterationsValues(int n) {
    Harness.assertSameAsSync(compiled, "C", "localClasses", n);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3})
  void lambdasAndAnonymousClassesKeepTheirIterationsValues(int n) {
    Harness.assertSameAsSync(compiled, "C", "lambdasAndAnonymousClasses", n);
  }
}
