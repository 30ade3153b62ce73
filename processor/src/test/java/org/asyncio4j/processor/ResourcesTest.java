package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** try-with-resources over AutoCloseable (differential) and over AsyncCloseable ('async with'). */
class ResourcesTest {
  static final String RES =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "public final class Res implements AutoCloseable {\n"
          + "  final List<String> log; final String name; final boolean failClose;\n"
          + "  public Res(List<String> log, String name, boolean failClose) {\n"
          + "    this.log = log; this.name = name; this.failClose = failClose; log.add(\"open \" +"
          + " name);\n"
          + "  }\n"
          + "  @Override public void close() {\n"
          + "    log.add(\"close \" + name);\n"
          + "    if (failClose) throw new IllegalStateException(\"close \" + name);\n"
          + "  }\n"
          + "}\n";

  static final String SYNC =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "@SuppressWarnings(\"try\")\n"
          + "public final class R {\n"
          + "  @Async\n"
          + "  static Coroutine<String> closes(List<String> log, int n) {\n"
          + "    try (Res a = new Res(log, \"a\", n == 3); Res b = new Res(log, Await.of(p(\"b\")),"
          + " false)) {\n"
          + "      log.add(\"body \" + Await.of(p(n)));\n"
          + "      if (n == 1) return Coroutine.of(\"early\");\n"
          + "      if (n == 2 || n == 3) throw new IllegalArgumentException(\"body\");\n"
          + "    } catch (IllegalArgumentException e) {\n"
          + "      log.add(\"caught \" + e.getMessage() + \" suppressed \" +"
          + " e.getSuppressed().length);\n"
          + "    } finally {\n"
          + "      log.add(\"finally \" + Await.of(d(n)));\n"
          + "    }\n"
          + "    return Coroutine.of(\"end\");\n"
          + "  }\n"
          + "}\n";

  static final String ASYNC =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "@SuppressWarnings(\"try\")\n"
          + "public final class A {\n"
          + "  static final class Ctx implements AsyncCloseable {\n"
          + "    final List<String> log; final int mode;\n"
          + "    Ctx(List<String> log, int mode) { this.log = log; this.mode = mode; }\n"
          + "    @Override public Awaitable<?> enterAsync() {\n"
          + "      log.add(\"enter\");\n"
          + "      return mode == 1 ? H.pfail(new IllegalStateException(\"enter failed\")) :"
          + " p(\"in\");\n"
          + "    }\n"
          + "    @Override public Awaitable<Boolean> exitAsync(Throwable error) {\n"
          + "      log.add(\"exit \" + (error == null ? null : error.getMessage()));\n"
          + "      if (mode == 2) return H.pfail(new UnsupportedOperationException(\"exit"
          + " failed\"));\n"
          + "      return p(mode == 3);\n"
          + "    }\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> with(List<String> log, int mode, boolean fail) {\n"
          + "    try (Ctx ctx = new Ctx(log, mode)) {\n"
          + "      log.add(\"body \" + Await.of(p(1)));\n"
          + "      if (fail) throw new IllegalArgumentException(\"body failed\");\n"
          + "      if (mode == 4) return Coroutine.of(\"returned\");\n"
          + "    }\n"
          + "    log.add(\"after\");\n"
          + "    return Coroutine.of(\"done\");\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(Harness.HELPERS, RES, SYNC, Harness.reference(SYNC, "R"), ASYNC);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void autoCloseableResourcesCloseInReverseOrderWithSuppression(int n) {
    Harness.assertSameAsSync(compiled, "R", "closes", n);
  }

  private static String asyncWith(int mode, boolean fail, List<String> log) {
    return Harness.outcome(() -> compiled.run("t.AAsync", "with", log, mode, fail));
  }

  @Test
  void asyncWithEntersAndExits() {
    List<String> log = new ArrayList<>();
    assertEquals("value done", asyncWith(0, false, log));
    assertEquals(List.of("enter", "body 1", "exit null", "after"), log);
  }

  @Test
  void asyncWithPassesTheErrorToExitAndRethrows() {
    List<String> log = new ArrayList<>();
    assertEquals("throws java.lang.IllegalArgumentException: body failed", asyncWith(0, true, log));
    assertEquals(List.of("enter", "body 1", "exit body failed"), log);
  }

  @Test
  void asyncWithExitReturningTrueSuppresses() {
    List<String> log = new ArrayList<>();
    assertEquals("value done", asyncWith(3, true, log));
    assertEquals(List.of("enter", "body 1", "exit body failed", "after"), log);
  }

  @Test
  void asyncWithFailingEnterSkipsBodyAndExit() {
    List<String> log = new ArrayList<>();
    assertEquals("throws java.lang.IllegalStateException: enter failed", asyncWith(1, false, log));
    assertEquals(List.of("enter"), log);
  }

  @Test
  void asyncWithFailingExitReplacesTheError() {
    List<String> log = new ArrayList<>();
    assertEquals(
        "throws java.lang.UnsupportedOperationException: exit failed", asyncWith(2, true, log));
    assertEquals(List.of("enter", "body 1", "exit body failed"), log);
  }

  @Test
  void asyncWithExitsOnReturn() {
    List<String> log = new ArrayList<>();
    assertEquals("value returned", asyncWith(4, false, log));
    assertEquals(List.of("enter", "body 1", "exit null"), log);
  }
}
