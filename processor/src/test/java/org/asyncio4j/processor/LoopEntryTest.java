package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every lowered loop is entered through the dispatch ({@code label = K; continue;}), never by
 * falling into its head state {@code case K:} (the target of the loop's back-edge): C2 compiles
 * the fall-through shape about 1 ns per iteration slower (benchmarks' {@code LoopEntryShapes}).
 * Checked on the generated text of every loop kind, which also runs as the synchronous reference.
 */
class LoopEntryTest {
  static final String SOURCE =
      """
      package t;
      import java.util.*;
      import org.asyncio4j.*;
      import static t.H.*;
      public final class L {
        @Async
        static Coroutine<String> loops(List<String> log, int n) {
          int w = 0;
          while (w < n) {
            w += Await.of(p(1));
          }
          int dw = 0;
          do {
            dw += Await.of(d(2));
          } while (dw < n);
          long s = 0;
          for (int i = 0; i < n; i++) {
            s += Await.of(d(i));
          }
          for (String x : List.of("a", "b")) {
            log.add(Await.of(p(x)));
          }
          for (int v : new int[] {n, n + 1}) {
            s += Await.of(d(v));
          }
          outer:
          for (int i = 0; i < 3; i++) {
            int j = 0;
            while (true) {
              if (Await.of(p(j++)) > i) continue outer;
              if (j > n) break outer;
            }
          }
          return Coroutine.of(w + " " + dw + " " + s);
        }
        @Async
        static Coroutine<Integer> loopFirst(List<String> log, int n) {
          while (n > 0) {
            n -= Await.of(d(1));
            log.add("n " + n);
          }
          return Coroutine.of(n);
        }
        @Async
        static Coroutine<Integer> loopInTry(List<String> log, int n) {
          int k = 0;
          try {
            log.add("try");
            for (; k < n; k++) {
              if (Await.of(p(k)) == 3) throw new IllegalStateException("three");
            }
          } catch (IllegalStateException e) {
            log.add("caught " + e.getMessage());
          } finally {
            log.add("finally " + Await.of(d(k)));
          }
          return Coroutine.of(k);
        }
      }
      """;

  static final String ASYNC_FOR =
      """
      package t;
      import java.util.*;
      import org.asyncio4j.*;
      import static t.H.*;
      public final class LA {
        static AsyncIterable<String> letters(String s) {
          return () -> new AsyncIterator<String>() {
            int i;
            @Override public Awaitable<Boolean> hasNext() { return p(i < s.length()); }
            @Override public String next() { return String.valueOf(s.charAt(i++)); }
          };
        }
        @Async
        static Coroutine<String> asyncFor(List<String> log, int n) {
          StringBuilder sb = new StringBuilder("<" + n);
          for (String c : Await.each(letters("abc"))) sb.append(Await.of(d(c)));
          return Coroutine.of(sb.append(">").toString());
        }
      }
      """;

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled =
        Harness.compile(Harness.HELPERS, SOURCE, Harness.reference(SOURCE, "L"), ASYNC_FOR);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 4})
  void loopsRunAsTheirSynchronousReference(int n) {
    Harness.assertSameAsSync(compiled, "L", "loops", n);
    Harness.assertSameAsSync(compiled, "L", "loopFirst", n);
    Harness.assertSameAsSync(compiled, "L", "loopInTry", n);
    assertEquals("<" + n + "abc>", compiled.run("t.LAAsync", "asyncFor", new ArrayList<>(), n));
  }

  @ParameterizedTest
  @ValueSource(strings = {"t.LAsync", "t.LAAsync"})
  void noLoopHeadStateIsEnteredByFallingThrough(String generated) {
    String src = compiled.generatedSource(generated);
    int resumes = 0;
    for (String body : src.split("protected void resume\\(\\)")) {
      if (!body.contains("switch (label)")) {
        continue;
      }
      resumes++;
      assertNoFallThroughIntoBackEdgeTargets(body.substring(0, body.indexOf("default:")));
    }
    assertTrue(resumes > 0, src);
  }

  /** A back-edge target: a state {@code K} that a later {@code label = K;} jumps back to. */
  private static void assertNoFallThroughIntoBackEdgeTargets(String resume) {
    String[] lines = resume.split("\n");
    Pattern caseLine = Pattern.compile("\\s*case (\\d+):");
    Pattern jump = Pattern.compile("label = (\\d+);");
    Set<String> seen = new HashSet<>();
    List<String> heads = new ArrayList<>();
    for (String line : lines) {
      Matcher c = caseLine.matcher(line);
      if (c.matches()) {
        seen.add(c.group(1));
      }
      Matcher j = jump.matcher(line);
      while (j.find()) {
        if (seen.contains(j.group(1))) {
          heads.add(j.group(1));
        }
      }
    }
    assertTrue(!heads.isEmpty(), resume);
    String previous = "";
    for (String line : lines) {
      Matcher c = caseLine.matcher(line);
      if (c.matches() && heads.contains(c.group(1))) {
        assertTrue(
            previous.equals("continue;") || previous.equals("return;"),
            "case " + c.group(1) + " is entered by falling through:\n" + resume);
      }
      String t = line.trim();
      if (!t.isEmpty() && !t.startsWith("//")) {
        previous = t;
      }
    }
  }
}
