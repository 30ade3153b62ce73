package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** async for over AsyncIterables and async generators; early exits close the generator first. */
class AsyncForAndGeneratorsTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class G {\n"
          + "  @Async\n"
          + "  static AsyncGenerator<Integer> count(List<String> log, int n) {\n"
          + "    try {\n"
          + "      for (int i = 0; i < n; i++) {\n"
          + "        int v = Await.of(p(i * 10));\n"
          + "        log.add(\"yield \" + v);\n"
          + "        Yield.of(v);\n"
          + "      }\n"
          + "    } finally {\n"
          + "      log.add(\"gen finally \" + Await.of(p(\"cleanup\")));\n"
          + "    }\n"
          + "    return AsyncGenerator.end();\n"
          + "  }\n"
          + "  static AsyncIterable<String> letters(String s) {\n"
          + "    return () -> new AsyncIterator<String>() {\n"
          + "      int i;\n"
          + "      @Override public Awaitable<Boolean> hasNext() { return p(i < s.length()); }\n"
          + "      @Override public String next() { return String.valueOf(s.charAt(i++)); }\n"
          + "    };\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> sumAll(List<String> log, int n) {\n"
          + "    int sum = 0;\n"
          + "    for (int v : Await.each(count(log, n))) {\n"
          + "      sum += v;\n"
          + "      log.add(\"got \" + v);\n"
          + "    }\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    for (String c : Await.each(letters(\"abc\"))) sb.append(Await.of(d(c)));\n"
          + "    return Coroutine.of(sum + sb.toString());\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> earlyExits(List<String> log, int mode) {\n"
          + "    outer:\n"
          + "    for (int round = 0; round < 2; round++) {\n"
          + "      for (int v : Await.each(count(log, 5))) {\n"
          + "        log.add(\"body \" + v);\n"
          + "        if (v == 20 && mode == 0) break;\n"
          + "        if (v == 20 && mode == 1) return Coroutine.of(\"returned\");\n"
          + "        if (v == 20 && mode == 2) throw new IllegalStateException(\"thrown\");\n"
          + "        if (v == 20 && mode == 3) continue outer;\n"
          + "      }\n"
          + "      log.add(\"after inner \" + round);\n"
          + "    }\n"
          + "    return Coroutine.of(\"end\");\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE);
  }

  @Test
  void asyncForOverGeneratorsAndIterables() {
    List<String> log = new ArrayList<>();
    assertEquals("30abc", compiled.run("t.GAsync", "sumAll", log, 3));
    assertEquals(
        List.of(
            "yield 0", "got 0", "yield 10", "got 10", "yield 20", "got 20", "gen finally cleanup"),
        log);
  }

  @Test
  void breakClosesTheGeneratorBeforeLeavingTheLoop() {
    List<String> log = new ArrayList<>();
    assertEquals("end", compiled.run("t.GAsync", "earlyExits", log, 0));
    assertEquals(
        List.of(
            "yield 0",
            "body 0",
            "yield 10",
            "body 10",
            "yield 20",
            "body 20",
            "gen finally cleanup",
            "after inner 0",
            "yield 0",
            "body 0",
            "yield 10",
            "body 10",
            "yield 20",
            "body 20",
            "gen finally cleanup",
            "after inner 1"),
        log);
  }

  @Test
  void returnAndExceptionsCloseTheGenerator() {
    List<String> log = new ArrayList<>();
    assertEquals("returned", compiled.run("t.GAsync", "earlyExits", log, 1));
    assertEquals(
        List.of(
            "yield 0",
            "body 0",
            "yield 10",
            "body 10",
            "yield 20",
            "body 20",
            "gen finally cleanup"),
        log);
    List<String> log2 = new ArrayList<>();
    assertEquals(
        "throws java.lang.IllegalStateException: thrown",
        Harness.outcome(() -> compiled.run("t.GAsync", "earlyExits", log2, 2)));
    assertEquals(log, log2);
  }

  @Test
  void continueOfAnOuterLoopClosesTheGenerator() {
    List<String> log = new ArrayList<>();
    assertEquals("end", compiled.run("t.GAsync", "earlyExits", log, 3));
    assertEquals(
        List.of(
            "yield 0",
            "body 0",
            "yield 10",
            "body 10",
            "yield 20",
            "body 20",
            "gen finally cleanup",
            "yield 0",
            "body 0",
            "yield 10",
            "body 10",
            "yield 20",
            "body 20",
            "gen finally cleanup"),
        log);
  }
}
