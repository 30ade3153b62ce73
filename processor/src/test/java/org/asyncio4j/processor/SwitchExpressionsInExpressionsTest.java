package org.asyncio4j.processor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Switch expressions whose arms await, nested inside larger expressions: operands, method arguments
 * after other arguments, conditions, compound assignments (differential, with done and pending
 * awaits, side effects in sibling operands, yields from blocks and exceptions).
 */
class SwitchExpressionsInExpressionsTest {
  static final String SOURCE =
      """
      package t;
      import java.util.*;
      import org.asyncio4j.*;
      import static t.H.*;
      public final class S {
        enum Color { RED, GREEN, BLUE }
        static String join(String a, String b, String c) { return a + "|" + b + "|" + c; }
        @Async
        static Coroutine<String> operands(List<String> log, int k) {
          int r = 1 + switch (k) {
            case 1 -> Await.of(p(10));
            case 2 -> Await.of(d(20));
            default -> 0;
          };
          log.add("r=" + r);
          int i = 0;
          String s = log(log, "a", i++) + ":" + switch (k + i) {
            case 2 -> {
              int t = Await.of(d(k * 3));
              log.add("t" + t);
              yield "two" + t;
            }
            case 4 -> throw new IllegalStateException("four");
            default -> {
              if (k > 5) {
                yield Await.of(p("big" + i));
              }
              yield "small" + i;
            }
          } + log(log, "c", i++);
          return Coroutine.of(r + " " + s + " " + i);
        }
        @Async
        static Coroutine<String> arguments(List<String> log, int k) {
          String u = join(log(log, "x", "first"), switch (k) {
            case 1, 2 -> Await.of(p("p" + k));
            case 5 -> Await.of(pfail(new IllegalArgumentException("five")));
            default -> Await.of(d("d"));
          }, log(log, "y", "third"));
          int w = Math.max(Await.of(d(k)), switch (k % 2) {
            case 0:
              yield Await.of(p(100));
            default:
              log.add("odd");
              yield -1;
          });
          List<String> list = new ArrayList<>();
          list.add(log(log, "z", "pre")
              + switch (k) { case 3 -> Await.of(d("three")); default -> "other"; });
          return Coroutine.of(u + " " + w + " " + list);
        }
        @Async
        static Coroutine<String> conditionsAndLoops(List<String> log, int k) {
          Color c = Color.values()[k % 3];
          int sum = 0;
          for (int j = 0; j < 3; j++) {
            sum += j * 10 + switch (c) {
              case RED -> Await.of(p(j));
              case GREEN -> Await.of(d(j + 100));
              default -> j;
            };
            if (switch ("s" + j) { case "s1" -> Await.of(d(true)); default -> false; } && k > 1) {
              log.add("hit " + j);
            }
          }
          String msg;
          try {
            msg = "m" + switch (k) {
              case 4 -> Await.of(pfail(new IllegalStateException("bad " + k)));
              case 6 -> throw new UnsupportedOperationException("six");
              default -> Await.of(p(k));
            };
          } catch (IllegalStateException e) {
            msg = "caught " + e.getMessage();
          }
          boolean b = k > 2
              || switch (k) { case 0 -> Await.of(p(false)); default -> Await.of(d(true)); };
          return Coroutine.of(sum + " " + msg + " " + b);
        }
      }
      """;

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "S"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 7})
  void switchAsAnOperand(int k) {
    Harness.assertSameAsSync(compiled, "S", "operands", k);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 5})
  void switchAsAMethodArgumentAfterOtherArguments(int k) {
    Harness.assertSameAsSync(compiled, "S", "arguments", k);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void switchInConditionsLoopsAndTry(int k) {
    Harness.assertSameAsSync(compiled, "S", "conditionsAndLoops", k);
  }
}
