package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code Yield.of} inside lowered switch statements' and switch expressions' arms and inside catch
 * and finally blocks, consumed by an async for that breaks early (the generator is closed at its
 * suspended yield: finally blocks run, a yield while closing fails), compared with a synchronous
 * model of the same body: each yield calls the consumer's loop body, and a consumer that stops
 * makes the yield throw an {@code Error} (as {@code GeneratorExit} is one), so only finally blocks
 * run on the way out.
 */
class QaGeneratorPlacesTest {
  static final String GEN_BODY =
      "    try {\n"
          + "      for (int i = 0; i < 6; i++) {\n"
          + "        switch (i % 3) {\n"
          + "          case 0 -> {\n"
          + "            if (mode == 20 + i) throw new ArithmeticException(\"gen \" + i);\n"
          + "            Yield.of(\"s\" + Await.of(pd(i, i)));\n"
          + "            log.add(\"after0 \" + i);\n"
          + "          }\n"
          + "          case 1 -> {\n"
          + "            try {\n"
          + "              if (mode == i) throw new IllegalStateException(\"boom\" + i);\n"
          + "              Yield.of(\"t\" + i);\n"
          + "              log.add(\"after t\" + i);\n"
          + "            } catch (IllegalStateException e) {\n"
          + "              log.add(\"caught \" + e.getMessage());\n"
          + "              Yield.of(\"c\" + Await.of(pd(i, e.getMessage())));\n"
          + "              log.add(\"after catch yield \" + i);\n"
          + "            } finally {\n"
          + "              log.add(\"finally \" + i);\n"
          + "              if (mode < 10) Yield.of(\"f\" + i);\n"
          + "              log.add(\"finally end \" + i + Await.of(pd(i, \"!\")));\n"
          + "            }\n"
          + "          }\n"
          + "          default -> {\n"
          + "            String v = switch (mode) {\n"
          + "              case 9 -> \"nine\";\n"
          + "              default -> {\n"
          + "                Yield.of(\"sw\" + i);\n"
          + "                log.add(\"in switch expression \" + i);\n"
          + "                yield \"d\" + Await.of(pd(i, i));\n"
          + "              }\n"
          + "            };\n"
          + "            switch (v.length()) {\n"
          + "              case 2:\n"
          + "                Yield.of(v);\n"
          + "              case 3:\n"
          + "                log.add(\"fell \" + v);\n"
          + "                break;\n"
          + "              default:\n"
          + "                Yield.of(v + Await.of(pd(i, \"?\")));\n"
          + "            }\n"
          + "          }\n"
          + "        }\n"
          + "      }\n"
          + "      char[] tail = {'a', 'b'};\n"
          + "      for (char ch : tail) {\n"
          + "        try {\n"
          + "          Yield.of(\"a\" + ch + Await.of(pd(mode, \"\")));\n"
          + "          tail[1] = 'B';\n"
          + "        } finally {\n"
          + "          log.add(\"tail \" + ch);\n"
          + "        }\n"
          + "      }\n"
          + "    } finally {\n"
          + "      log.add(\"gen finally \" + Await.of(pd(mode, \"x\")));\n"
          + "    }\n";

  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class G2 {\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  @Async\n"
          + "  @SuppressWarnings(\"fallthrough\")\n"
          + "  static AsyncGenerator<String> gen(List<String> log, int mode) {\n"
          + GEN_BODY
          + "    return AsyncGenerator.end();\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> consume(List<String> log, int mode, int stopAt) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    int count = 0;\n"
          + "    try {\n"
          + "      for (String v : Await.each(gen(log, mode))) {\n"
          + "        sb.append(v).append(',');\n"
          + "        if (++count >= stopAt) break;\n"
          + "      }\n"
          + "    } catch (RuntimeException e) {\n"
          + "      log.add(\"consumer caught \" + e.getClass().getSimpleName());\n"
          + "    }\n"
          + "    log.add(\"consumer after loop\");\n"
          + "    return Coroutine.of(sb.toString());\n"
          + "  }\n"
          + "}\n";

  /** The synchronous model: a yield calls the consumer; a consumer that stops closes the body. */
  static final String MODEL =
      "package t;\n"
          + "import java.util.*;\n"
          + "import java.util.function.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public final class G2Ref {\n"
          + "  static <X> Coroutine<X> pd(int n, X v) { return n % 2 == 0 ? p(v) : d(v); }\n"
          + "  static final class Exit extends Error {\n"
          + "    Exit() { super(null, null, false, false); }\n"
          + "  }\n"
          + "  static final class Sink {\n"
          + "    final Predicate<String> more;\n"
          + "    boolean closing;\n"
          + "    Sink(Predicate<String> more) { this.more = more; }\n"
          + "    void emit(String v) {\n"
          + "      if (closing) throw new IllegalStateException(\"yielded while being closed\");\n"
          + "      if (!more.test(v)) {\n"
          + "        closing = true;\n"
          + "        throw new Exit();\n"
          + "      }\n"
          + "    }\n"
          + "  }\n"
          + "  @SuppressWarnings(\"fallthrough\")\n"
          + "  static void gen(List<String> log, int mode, Sink sink) {\n"
          + GEN_BODY.replace("Yield.of(", "sink.emit(").replace("Await.of(", "H.sync(")
          + "  }\n"
          + "  static String consume(List<String> log, int mode, int stopAt) {\n"
          + "    StringBuilder sb = new StringBuilder();\n"
          + "    int[] count = {0};\n"
          + "    try {\n"
          + "      try {\n"
          + "        gen(log, mode, new Sink(v -> {\n"
          + "          sb.append(v).append(',');\n"
          + "          return ++count[0] < stopAt;\n"
          + "        }));\n"
          + "      } catch (Exit e) {\n"
          + "        // the consumer stopped: the body was closed\n"
          + "      }\n"
          + "    } catch (RuntimeException e) {\n"
          + "      log.add(\"consumer caught \" + e.getClass().getSimpleName());\n"
          + "    }\n"
          + "    log.add(\"consumer after loop\");\n"
          + "    return sb.toString();\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, SOURCE, MODEL);
  }

  @ParameterizedTest(name = "mode {0}, consumer stops after {1}")
  @CsvSource({
    "0, 100", "1, 100", "4, 100", "9, 100", "10, 100", "21, 100", "23, 100", "0, 1", "0, 2",
    "0, 3", "0, 4", "1, 2", "1, 3", "4, 5", "4, 6", "10, 2", "10, 3", "10, 4", "9, 3", "9, 4",
    "11, 5", "11, 6", "11, 7", "23, 2", "0, 11", "0, 12", "1, 11", "11, 9"
  })
  void yieldsInSwitchArmsAndCatchAndFinallyWithEarlyClose(int mode, int stopAt) {
    List<String> asyncLog = new ArrayList<>();
    List<String> syncLog = new ArrayList<>();
    String async =
        Harness.outcome(() -> compiled.run("t.G2Async", "consume", asyncLog, mode, stopAt));
    String sync = Harness.outcome(() -> compiled.call("t.G2Ref", "consume", syncLog, mode, stopAt));
    assertEquals(sync + " " + syncLog, async + " " + asyncLog);
  }
}
